# METADATA
# title: Advice to reviewers and the agency (notes)
# description: >-
#   What reviewers and the agency should know that does not block the request. Each note has a code and
#   a message; the decision adds its citation.
package exemptions.advice

import data.exemptions.precedence
import data.exemptions.request

# METADATA
# title: Project delegation and procurement rules still apply
# custom:
#   kind: note
#   code: project-delegation
#   clauses:
#     - calnet.purpose.delegation
#     - calnet.procurements.opening
notes contains note if {
	precedence.exemption_path
	request.calnet
	note := {
		"code": rego.metadata.rule().custom.code,
		"message": concat(" ", [
			"project delegation (STMM 502.0) may still be required even if the exemption is granted,",
			"and the procurement must follow state procurement policies, guidelines and delegations",
		]),
	}
}

# METADATA
# title: Other procurement vehicles may lack CALNET's protections
# custom:
#   kind: note
#   code: alternative-vehicle-protections
#   clauses:
#     - calnet.procurements.other-vehicles
notes contains note if {
	precedence.exemption_path
	request.calnet
	note := {
		"code": rego.metadata.rule().custom.code,
		"message": concat(" ", [
			"CMAS and other contracts may not give the protections of the CALNET MSA: service level",
			"agreements, rights and remedies for vendor defaults, comprehensive installation",
		]),
	}
}

# METADATA
# title: Outside contracts for services CALNET offers are to end
# custom:
#   kind: note
#   code: terminate-outside-contract
#   clauses:
#     - calnet.procurements.migrate
notes contains note if {
	precedence.exemption_path
	request.calnet
	input.request.contract.renewal.renews_outside_contract == true
	note := {
		"code": rego.metadata.rule().custom.code,
		"message": concat(" ", [
			"an outside contract for services the CALNET MSA now offers is to be terminated as soon as",
			"contractually feasible and the services migrated to CALNET; renewing it is an exception",
		]),
	}
}

# METADATA
# title: The agency keeps a central file of granted exemptions
# custom:
#   kind: note
#   code: central-file
#   clauses:
#     - calnet.agency.central-file
#     - cgen.entity.central-file
notes contains note if {
	precedence.exemption_path
	note := {
		"code": rego.metadata.rule().custom.code,
		"message": concat("", [
			"if granted, the agency keeps the exemption and its acquisition documents in a central file, available to ",
			request.office, " for audit",
		]),
	}
}

# METADATA
# title: This evaluation is a recommendation
# custom:
#   kind: note
#   code: recommendation-only
#   clauses:
#     - calnet.requests.approval
#     - calnet.stnd.recommends
#     - calnet.agency.comply
#     - cgen.cdt.recommends
#     - cgen.entity.comply
notes contains note if {
	precedence.exemption_path
	precedence.approver != null
	note := {
		"code": rego.metadata.rule().custom.code,
		"message": concat("", [
			"this evaluation is a recommendation: only the approver (", precedence.approver,
			") grants an exemption, and the agency complies with the response",
		]),
	}
}
