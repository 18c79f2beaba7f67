# infragate:render baseline=ceo-dashboard/v1 sha256=aa9a42ac0b196b71a5837cfb1f81d28712e59c4f24c702f47bf6e5af97756da5 content=70fee9d766bcc8c817e3cfe87251b678d7c6496e1af71b237bbf5f341c82574d (generated; 'infragate drift' reports hand edits)
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
