# The order of events the texts require: the request before the purchase, the exemption before the
# purchase, and the request with any FSR to STND no later than the FSR goes to DOF.
package exemptions.completeness

import data.exemptions.applicability
import data.exemptions.request

# METADATA
# title: The request gives its purchase date
# description: >-
#   On the exemption path the request and the exemption must come before the purchase; for a local
#   agency's ATO services the term and the notice are judged at the purchase.
# custom:
#   kind: deficiency
#   code: purchase-date-missing
#   clauses:
#     - calnet.requests.before-purchase
#     - calnet.procurements.ato-term
#     - cgen.requests.before-purchase
path_deficiencies contains issue if {
	_purchase_timing_matters
	not request.purchase_date
	issue := {
		"code": rego.metadata.rule().custom.code,
		"path": "/contract/purchase_date",
		"message": concat(" ", [
			"contract.purchase_date must be the date the agency means to order or commit to the services",
			"(YYYY-MM-DD, in quotes):", _purchase_date_use,
		]),
	}
}

_purchase_timing_matters if {
	request.agency.status == "executive-branch"
	request.program != null
}

_purchase_timing_matters if count(applicability.on_ato) > 0

default _purchase_date_use := "the request must be submitted, and the exemption granted, before it"

_purchase_date_use := "the ATO's term and notice are judged at that date" if count(applicability.on_ato) > 0

# METADATA
# title: The request was submitted before the purchase
# custom:
#   kind: deficiency
#   code: request-after-purchase
#   clauses:
#     - calnet.requests.before-purchase
#     - cgen.requests.before-purchase
deficiencies contains issue if {
	request.program != null
	request.submission_date >= request.purchase_date
	issue := {
		"code": rego.metadata.rule().custom.code,
		"path": "/submitted/date",
		"message": concat("", [
			"the request was submitted on ", request.submission_date, ", on or after the purchase date (",
			request.purchase_date, "): the request must reach ", request.office,
			" before the agency buys elsewhere, so the purchase cannot rest on this request; if the",
			" purchase has not been made, give the date it will be made",
		]),
	}
}

# METADATA
# title: The exemption comes before the purchase
# description: >-
#   A purchase dated on or before the evaluation date is made before any exemption could be granted.
# custom:
#   kind: deficiency
#   code: purchase-before-exemption
#   clauses:
#     - calnet.requests.before-purchase
#     - cgen.requests.before-purchase
deficiencies contains issue if {
	request.program != null
	request.purchase_date <= request.evaluation_date
	issue := {
		"code": rego.metadata.rule().custom.code,
		"path": "/contract/purchase_date",
		"message": concat("", [
			"the purchase date ", request.purchase_date, " is not after the evaluation date (",
			request.evaluation_date, "): services may be bought elsewhere only once the exemption is",
			" granted; give the date the agency will order, after the decision",
		]),
	}
}

# METADATA
# title: The request went to STND no later than the FSR went to DOF
# description: The request and a copy of the proposed FSR go to STND before, or with, the FSR to DOF.
# custom:
#   kind: deficiency
#   code: request-after-fsr-to-dof
#   clauses:
#     - calnet.agency.fsr-timing
deficiencies contains issue if {
	fsr_claimed
	to_dof := fsr.submitted_to_dof
	request.submission_date > to_dof
	issue := {
		"code": rego.metadata.rule().custom.code,
		"path": "/submitted/date",
		"message": concat("", [
			"the request was submitted on ", request.submission_date, ", after the FSR went to DOF (",
			to_dof, "): the exemption request and the proposed FSR go to STND before, or on the same day",
			" as, they go to DOF",
		]),
	}
}

# METADATA
# title: Deficiencies that decide the path are deficiencies of the request
deficiencies contains issue if some issue in path_deficiencies
