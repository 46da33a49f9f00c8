# METADATA
# title: What the policy reads from its input
# description: >-
#   The request's program, the evaluation date, its services, attachments and claimed grounds, each read
#   defensively: the policy never assumes that the request schema ran, so a value of the wrong type is
#   treated as absent rather than trusted.
package exemptions.request

import data.exemptions.dates

# METADATA
# title: The request, when it is a mapping
# scope: document
default body := {}

body := input.request if is_object(input.request)

# METADATA
# title: The value at a path in the request, or null when it is absent
# description: >-
#   Presence guards read fields through it: a call on an absent field would leave the guard undefined
#   (so silent), while null is simply not the value the guard asks for.
field(path) := object.get(body, path, null)

# METADATA
# title: The program the request is against
# description: calnet or cgen; null when the request names neither.
# scope: document
default program := null

program := input.request.program if input.request.program in {"calnet", "cgen"}

# METADATA
# title: The office of the program
# description: >-
#   Who receives and reviews requests, helps with alternatives and audits the central file: STND under
#   the CALNET MSA, CDT under CGEN.
office := {"calnet": "STND", "cgen": "CDT"}[program]

# METADATA
# title: The request is against the CALNET MSA
calnet if program == "calnet"

# METADATA
# title: The request is against CGEN
cgen if program == "cgen"

# METADATA
# title: The evaluation date, when it is a real date
# description: It comes from the input (the pull request's evaluation time, or the merge date in an audit).
evaluation_date := input.context.evaluation_date if dates.is_date(input.context.evaluation_date)

# METADATA
# title: The date the request was submitted, when it is a real date
submission_date := input.request.submitted.date if dates.is_date(input.request.submitted.date)

# METADATA
# title: The date the agency means to order or commit, when it is a real date
purchase_date := input.request.contract.purchase_date if dates.is_date(input.request.contract.purchase_date)

# METADATA
# title: The exemptions on record, when the evaluation has them
# description: >-
#   Granted exemptions by id, each with its agency and program, from the register (the audit) or the
#   requests already merged (a pull request's base, the working tree). Absent when the caller has none.
record := input.context.exemptions if is_object(input.context.exemptions)

# METADATA
# title: The requested services, as a list
# scope: document
default services := []

services := input.request.services if is_array(input.request.services)

# METADATA
# title: The service ids requested, when they are strings
service_ids contains service.service if {
	some service in services
	is_string(service.service)
}

# METADATA
# title: The supporting documents, each as [file, kind]
attached contains [attachment.file, attachment.kind] if {
	is_array(input.request.attachments)
	some attachment in input.request.attachments
	is_string(attachment.file)
	is_string(attachment.kind)
}

# METADATA
# title: The grounds the request claims
# description: Any of functionality, cost_ipr and fsr that is a key of the grounds object.
claimed contains key if {
	is_object(input.request.grounds)
	some key, _ in input.request.grounds
	key in {"functionality", "cost_ipr", "fsr"}
}

# METADATA
# title: The agency's entry in the registry
agency := data.reference.agencies[input.request.agency.code]
