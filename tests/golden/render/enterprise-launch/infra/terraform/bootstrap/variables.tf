# infragate:render baseline=vantus-portal/v1 sha256=17ba6e0c86e82a0eb90287a261df61eb003e8945a556c76c04766ba35531fb26 content=eb0ea735894048bbef30069b505f3554c529176d0ad88204ecfaeecfa587f018 (generated; 'infragate drift' reports hand edits)
variable "github_repository" {
  description = "GitHub repository (owner/name) whose workflows may deploy with the deploy role."
  type        = string
}
