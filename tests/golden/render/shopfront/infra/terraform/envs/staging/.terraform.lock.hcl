# infragate:render baseline=shopfront/v1 sha256=10c29fd91c827140f035c4c5ced24633791f85bb2b48d86f94fdae7df12d8235 content=af7035409a94b5ffc63c710c9c55ad0610d4b6b5cf9ba74fee783cf3aa6bcc14 (generated; 'infragate drift' reports hand edits)
# This file is maintained automatically by "terraform init".
# Manual edits may be lost in future updates.

provider "registry.terraform.io/hashicorp/aws" {
  version     = "5.100.0"
  constraints = "~> 5.80"
  hashes = [
    "h1:edXOJWE4ORX8Fm+dpVpICzMZJat4AX0VRCAy/xkcOc0=",
  ]
}
