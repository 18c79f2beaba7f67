# infragate:render baseline=marketplace/v1 sha256=6a08ce839bdbcb2356f70f8d224c6e16359023584f1b10334e58dab18685a79e content=0a29351aafd48af17248291098824d2b107997df6c32f68c45621eba2c24abe9 (generated; 'infragate drift' reports hand edits)
variable "image_tag" {
  description = "Tag of the application image in ECR to run (set by the pipeline)."
  type        = string

  validation {
    condition     = can(regex("^[A-Za-z0-9_][A-Za-z0-9_.-]{0,127}$", var.image_tag))
    error_message = "image_tag is an image tag (letters, digits, _ . -; at most 128), such as the commit's SHA."
  }
}

variable "certificate_arn" {
  description = "ACM certificate (same region) of the load balancer's HTTPS listener."
  type        = string

  validation {
    condition     = can(regex("^arn:aws[a-z-]*:acm:us-east-1:[0-9]{12}:certificate/[0-9a-f-]+$", var.certificate_arn))
    error_message = "certificate_arn is an ACM certificate ARN in us-east-1 (arn:aws:acm:us-east-1:<account>:certificate/<id>)."
  }
}

variable "domain_name" {
  description = "Host name the product answers on in this environment (GitHub environment variable APP_DOMAIN): covered by the certificate, with a DNS record (CNAME or alias) to the load balancer. The deploy's health check calls it."
  type        = string

  validation {
    condition     = can(regex("^([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?\\.)+[a-z]{2,63}$", var.domain_name))
    error_message = "domain_name is a lower-case host name such as app.example.com, without scheme or path."
  }
}
