package exemptions.advice

import data.exemptions.applicability
import data.exemptions.grounds
import data.exemptions.precedence
import data.exemptions.request
import data.exemptions.values

# METADATA
# title: Help with alternative solutions
# custom:
#   kind: note
#   code: alternative-solutions
#   citation:
#     calnet: >-
#       CALNET MSA policy, Responsibilities, STND, second and third items (alternate solutions, policy
#       guidance)
#     cgen: >-
#       CGEN policy, State Entity responsibilities, fourth item and CDT responsibilities, second item
#       (alternative solutions)
notes contains note if {
	precedence.outcome == "ground-not-met"
	helper := {"calnet": "STND", "cgen": "CDT"}[request.program]
	note := {
		"code": rego.metadata.rule().custom.code,
		"message": concat("", [helper, " works with the agency on alternative solutions and advises on the policy"]),
	}
}

# METADATA
# title: Savings near the IPR threshold
# description: >-
#   The policy asks for savings of about 20%: savings in the band just below the threshold still show the
#   cost ground, and this note asks the reviewer to judge them.
# custom:
#   kind: note
#   code: ipr-savings-near-threshold
#   citation: >-
#     CALNET MSA policy, Exemption Requests, second ground (IPR shows the alternative substantially below
#     CALNET, about 20%, without undue interference with the statewide network)
notes contains note if {
	precedence.outcome == "ready-for-decision"
	grounds.near_threshold
	note := {
		"code": rego.metadata.rule().custom.code,
		"message": concat("", [
			"the IPR savings of ", values.percent_text(grounds.savings_basis_points), " are just below the ",
			values.percent_text(data.reference.thresholds.ipr_savings_threshold_basis_points),
			" threshold the policy calls about 20%: the reviewer judges whether they are substantial",
		]),
	}
}

# METADATA
# title: When an ATO-bound agency may buy elsewhere
# custom:
#   kind: note
#   code: ato-notice-required
#   citation: >-
#     CALNET MSA policy, Policy, third item (local agencies on an ATO); Non-CALNET MSA Procurements, fourth
#     item, second condition (after the two-year term, with 30 calendar days' notice)
notes contains note if {
	precedence.outcome == "ato-bound"
	note := {
		"code": rego.metadata.rule().custom.code,
		"message": concat("", [
			"the agency's ATO binds it to buy ", concat(", ", sort(applicability.bound_services)),
			" from the CALNET MSA until ", applicability.available_from,
			"; after the ATO term it may go elsewhere once it has given ",
			format_int(data.reference.thresholds.ato_notice_calendar_days, 10), " calendar days' notice",
		]),
	}
}

# METADATA
# title: A claimed ground that is not counted
# description: The request is ready on another ground; the reviewer sees why this one falls short.
# custom:
#   kind: note
#   code: ground-not-counted
#   citation:
#     calnet: CALNET MSA policy, Exemption Requests (either ground suffices)
#     cgen: CGEN policy, CGEN Exemption Requests, second paragraph
notes contains note if {
	precedence.outcome == "ready-for-decision"
	some finding in grounds.findings
	note := {
		"code": rego.metadata.rule().custom.code,
		"message": concat("", ["not counted (", finding.code, "): ", finding.message]),
	}
}

# METADATA
# title: State procurement rules apply even without an exemption
# custom:
#   kind: note
#   code: procurement-rules-apply
#   citation: >-
#     CALNET MSA policy, Non-CALNET MSA Procurements, opening (every state procurement follows state
#     procurement policies, guidelines and delegations)
notes contains note if {
	precedence.outcome == "not-required"
	request.agency.status in {"exempt", "executive-branch"}
	note := {
		"code": rego.metadata.rule().custom.code,
		"message": concat(" ", [
			"no exemption is needed, but the purchase must still follow state procurement policies,",
			"guidelines and delegations",
		]),
	}
}
