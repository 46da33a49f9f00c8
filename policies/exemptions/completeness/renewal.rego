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

# METADATA
# title: The renewal was requested before the action
# custom:
#   kind: deficiency
#   code: renewal-requested-after-action
#   clauses:
#     - calnet.procurements.renewal
deficiencies contains issue if {
	request.calnet
	renewal.renews_outside_contract == true
	dates.is_date(renewal.action_date)
	request.submission_date >= renewal.action_date
	issue := {
		"code": rego.metadata.rule().custom.code,
		"path": "/submitted/date",
		"message": concat("", [
			"the request was submitted on ", request.submission_date, ", on or after the date the contract",
			" would be extended or re-bid (", renewal.action_date, "): the exemption must be requested,",
			" and granted, before that action",
		]),
	}
}

# METADATA
# title: A renewal of an exemption renews its outside contract
# description: >-
#   An exemption on record allowed an outside contract; continuing it extends or re-bids that contract.
# custom:
#   kind: deficiency
#   code: renewal-incomplete
#   clauses:
#     - calnet.procurements.renewal
deficiencies contains issue if {
	request.calnet
	is_string(renews)
	not renewal.renews_outside_contract == true
	issue := {
		"code": rego.metadata.rule().custom.code,
		"path": "/contract/renewal/renews_outside_contract",
		"message": concat("", [
			"the request renews exemption ", renews, ", so it extends or re-bids the outside contract that",
			" exemption allowed: set contract.renewal.renews_outside_contract: true and give",
			" existing_contract and action_date",
		]),
	}
}

# METADATA
# title: The renewed exemption is named by its id
# custom:
#   kind: deficiency
#   code: renewal-incomplete
#   clauses:
#     - calnet.procurements.renewal
deficiencies contains issue if {
	"renews" in object.keys(request.body)
	not is_string(renews)
	issue := {
		"code": rego.metadata.rule().custom.code,
		"path": "/renews",
		"message": "renews must be the id of the granted exemption this request renews or extends",
	}
}

# METADATA
# title: The renewed exemption is on record
# description: Checked when the evaluation has the record of granted exemptions.
# custom:
#   kind: deficiency
#   code: renewed-exemption-unknown
#   clauses:
#     - calnet.procurements.renewal
#     - calnet.agency.central-file
#     - cgen.entity.central-file
deficiencies contains issue if {
	is_string(renews)
	request.record
	not request.record[renews]
	issue := {
		"code": rego.metadata.rule().custom.code,
		"path": "/renews",
		"message": concat("", [
			"renews names ", renews, ", which is not a granted exemption on record: give the id of the",
			" exemption this request continues, or remove renews if it continues none",
		]),
	}
}

# METADATA
# title: The renewed exemption is the same agency's, under the same program
# custom:
#   kind: deficiency
#   code: renewed-exemption-mismatch
#   clauses:
#     - calnet.procurements.renewal
#     - calnet.agency.central-file
#     - cgen.entity.central-file
deficiencies contains issue if {
	earlier := request.record[renews]
	some [field, own] in [["agency", input.request.agency.code], ["program", request.program]]
	earlier[field] != own
	issue := {
		"code": rego.metadata.rule().custom.code,
		"path": "/renews",
		"message": concat("", [
			"renews names ", renews, ", an exemption of ", field, " ", earlier[field],
			", not ", own, ": a request continues only its own agency's exemption under",
			" the same program",
		]),
	}
}

renews := input.request.renews
