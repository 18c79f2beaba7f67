# infragate:render baseline=hack-pantry/v1 sha256=cfd38e896c04e964afeaa9e48ed1a33898410b28984d2d1d403fb15f610368f2 content=a570ed58b8985f1fb1573084fb6f0fe0fe202a7bc8876b5027f2cb4d86963206 (generated; 'infragate drift' reports hand edits)
terraform {
  backend "s3" {
    bucket       = "hack-pantry-shared-tfstate"
    key          = "hack-pantry/prod/terraform.tfstate"
    region       = "us-east-1"
    encrypt      = true
    use_lockfile = true
  }
}
