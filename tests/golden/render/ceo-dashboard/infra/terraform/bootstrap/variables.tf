# infragate:render baseline=ceo-dashboard/v1 sha256=016afc7d136dfbfd3b3de5a9361c69bcf1ed677ca48633b1b124698dc8f44ab9 content=eb0ea735894048bbef30069b505f3554c529176d0ad88204ecfaeecfa587f018 (generated; 'infragate drift' reports hand edits)
variable "github_repository" {
  description = "GitHub repository (owner/name) whose workflows may deploy with the deploy role."
  type        = string
}
