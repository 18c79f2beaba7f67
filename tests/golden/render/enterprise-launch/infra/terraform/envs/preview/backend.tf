# infragate:render baseline=vantus-portal/v1 sha256=997223816938764e36dec07c86d3e468b8929cc6f9ba62a54156a25d67732766 content=7f203d474faa569d9e622b57b9550e8bdc67a43d5e439f36ff699724131717b2 (generated; 'infragate drift' reports hand edits)
terraform {
  backend "s3" {
    # Each preview is a workspace named pr-<number>: its state is
    # vantus-portal/preview/pr-<number>/terraform.tfstate.
    bucket               = "vantus-portal-shared-tfstate"
    workspace_key_prefix = "vantus-portal/preview"
    key                  = "terraform.tfstate"
    region               = "us-east-1"
    encrypt              = true
    use_lockfile         = true
  }
}
