# infragate:render baseline=hack-pantry/v1 sha256=fe4433d0e89a76ee141e0d47ad48d246b04326c0bda19ea74f48408e6a184dd0 content=4a6851f995036a5b8b9ce7efcb957eb27325019290cecb5206e289c9447b572c (generated; 'infragate drift' reports hand edits)
variable "image_tag" {
  description = "Tag of the application image in ECR to run (set by the pipeline)."
  type        = string
}
