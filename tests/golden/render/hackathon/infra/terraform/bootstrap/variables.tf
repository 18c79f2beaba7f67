# infragate:render baseline=hack-pantry/v1 sha256=fe4433d0e89a76ee141e0d47ad48d246b04326c0bda19ea74f48408e6a184dd0 content=eb0ea735894048bbef30069b505f3554c529176d0ad88204ecfaeecfa587f018 (generated; 'infragate drift' reports hand edits)
variable "github_repository" {
  description = "GitHub repository (owner/name) whose workflows may deploy with the deploy role."
  type        = string
}
