# infragate:render baseline=shopfront/v1 sha256=ce861e5548964d66adebe18c3e3e470711dc9676f7389c37e4dc90faea9bd9bd content=eb0ea735894048bbef30069b505f3554c529176d0ad88204ecfaeecfa587f018 (generated; 'infragate drift' reports hand edits)
variable "github_repository" {
  description = "GitHub repository (owner/name) whose workflows may deploy with the deploy role."
  type        = string
}
