package exemptions.completeness

import data.exemptions.dates
import data.exemptions.request
import data.exemptions.values

renewal := input.request.contract.renewal

# METADATA
# title: CALNET requests say whether they renew an outside contract
# custom:
#   kind: deficiency
#   code: renewal-undeclared
#   clauses:
#     - calnet.procurements.renewal
deficiencies contains issue if {
	request.calnet
	not is_boolean(request.field(["contract", "renewal", "renews_outside_contract"]))
	issue := {
		"code": rego.metadata.rule().custom.code,
		"path": "/contract/renewal/renews_outside_contract",
		"message": concat(" ", [
			"contract.renewal.renews_outside_contract must say (true or false) whether this renews or",
			"extends an outside contract",
		]),
	}
}

# METADATA
# title: A renewal names the contract and the date of the action
# custom:
#   kind: deficiency
#   code: renewal-incomplete
#   clauses:
#     - calnet.procurements.renewal
deficiencies contains issue if {
	request.calnet
	renewal.renews_outside_contract == true
	not values.is_text(values.at(renewal, "existing_contract"))
	issue := {
		"code": rego.metadata.rule().custom.code,
		"path": "/contract/renewal/existing_contract",
		"message": "contract.renewal.existing_contract must name the outside contract being renewed or extended",
	}
}

# METADATA
# title: A renewal gives the date it would be acted on
# custom:
#   kind: deficiency
#   code: renewal-incomplete
#   clauses:
#     - calnet.procurements.renewal
deficiencies contains issue if {
	request.calnet
	renewal.renews_outside_contract == true
	not dates.is_date(values.at(renewal, "action_date"))
	issue := {
		"code": rego.metadata.rule().custom.code,
		"path": "/contract/renewal/action_date",
		"message": concat(" ", [
			"contract.renewal.action_date must be the date the contract would be extended or re-bid",
			"(YYYY-MM-DD)",
		]),
	}
}

# METADATA
# title: The exemption comes before the renewal
# description: >-
#   An outside contract is renewed, extended or re-bid only with an exemption granted before that action;
#   an action date on or before the evaluation date leaves no room for one.
# custom:
#   kind: deficiency
#   code: renewal-action-before-exemption
#   clauses:
#     - calnet.procurements.renewal
deficiencies contains issue if {
	request.calnet
	renewal.renews_outside_contract == true
	request.evaluation_date
	dates.is_date(renewal.action_date)
	not renewal.action_date > request.evaluation_date
	issue := {
		"code": rego.metadata.rule().custom.code,
		"path": "/contract/renewal/action_date",
		"message": concat("", [
			"the renewal would be acted on ", renewal.action_date, ", not after the evaluation date (",
			request.evaluation_date, "): the exemption must be granted before the contract is extended or re-bid",
		]),
	}
}
