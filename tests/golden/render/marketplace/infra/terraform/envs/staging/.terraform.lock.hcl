# infragate:render baseline=marketplace/v1 sha256=6a08ce839bdbcb2356f70f8d224c6e16359023584f1b10334e58dab18685a79e content=70fee9d766bcc8c817e3cfe87251b678d7c6496e1af71b237bbf5f341c82574d (generated; 'infragate drift' reports hand edits)
# This file is maintained automatically by "terraform init".
# Manual edits may be lost in future updates.
# infragate rendered the linux_amd64 hash (CI's runners). On another platform add yours
# once, before `terraform init`, and commit it (render and drift accept added hashes):
#   terraform providers lock -platform=linux_amd64 -platform=darwin_arm64

provider "registry.terraform.io/hashicorp/aws" {
  version     = "5.100.0"
  constraints = "~> 5.80"
  hashes = [
    "h1:edXOJWE4ORX8Fm+dpVpICzMZJat4AX0VRCAy/xkcOc0=",
  ]
}
