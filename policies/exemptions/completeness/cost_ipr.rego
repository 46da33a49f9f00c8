package exemptions.completeness

import data.exemptions.request
import data.exemptions.values

cost_ipr := input.request.grounds.cost_ipr

# METADATA
# title: The cost ground is claimed under CALNET
# description: Under CGEN the cost ground is not a ground at all, so its contents are not read (see grounds).
cost_ipr_claimed if {
	request.calnet
	"cost_ipr" in request.claimed
}

# METADATA
# title: The cost ground is filled in
# custom:
#   kind: deficiency
#   code: ipr-missing
#   clauses:
#     - calnet.ground.ipr
#     - calnet.procedures.ipr-documents
deficiencies contains issue if {
	cost_ipr_claimed
	not is_object(cost_ipr)
	issue := {
		"code": rego.metadata.rule().custom.code,
		"path": "/grounds/cost_ipr",
		"message": concat(" ", [
			"grounds.cost_ipr must give the IPR document, both costs, the comparison factors and the",
			"interference assessment",
		]),
	}
}

# METADATA
# title: The cost ground carries its IPR documentation
# custom:
#   kind: deficiency
#   code: ipr-missing
#   clauses:
#     - calnet.ground.ipr
#     - calnet.procedures.ipr-documents
deficiencies contains issue if {
	cost_ipr_claimed
	is_object(cost_ipr)
	not values.is_text(values.at(cost_ipr, "ipr_document"))
	issue := {
		"code": rego.metadata.rule().custom.code,
		"path": "/grounds/cost_ipr/ipr_document",
		"message": concat(" ", [
			"the cost ground rests on the Individual Price Reduction (IPR) process: name its document",
			"in grounds.cost_ipr.ipr_document",
		]),
	}
}

# METADATA
# title: The IPR document is attached
# custom:
#   kind: deficiency
#   code: attachment-missing
#   clauses:
#     - calnet.procedures.attachments
#     - calnet.ground.ipr
#     - calnet.procurements.fsr
deficiencies contains issue if {
	cost_ipr_claimed
	document := cost_ipr.ipr_document
	values.is_text(document)
	not [document, "ipr"] in request.attached
	issue := {
		"code": rego.metadata.rule().custom.code,
		"path": "/grounds/cost_ipr/ipr_document",
		"message": concat("", ["the IPR document ", document, " must be listed in attachments with kind ipr"]),
	}
}

# METADATA
# title: The IPR gives both costs
# description: The alternative's cost (zero or more) and the comparable CALNET cost (more than zero).
# custom:
#   kind: deficiency
#   code: ipr-incomplete
#   clauses:
#     - calnet.ground.ipr-comparison
deficiencies contains issue if {
	cost_ipr_claimed
	is_object(cost_ipr)
	some field in ["alternative_cost", "comparable_calnet_cost"]
	not field in costs_given
	issue := {
		"code": rego.metadata.rule().custom.code,
		"path": concat("/", ["", "grounds", "cost_ipr", field]),
		"message": concat("", ["grounds.cost_ipr.", field, " must be an amount in US dollars"]),
	}
}

# METADATA
# title: The comparison covers every factor the policy names
# description: SLAs, network support, diversity, survivability, recoverability and scalability.
# custom:
#   kind: deficiency
#   code: ipr-incomplete
#   clauses:
#     - calnet.ground.ipr-comparison
deficiencies contains issue if {
	cost_ipr_claimed
	is_object(cost_ipr)
	some factor in ["slas", "network_support", "diversity", "survivability", "recoverability", "scalability"]
	not values.is_text(values.at(cost_ipr, ["comparison_factors", factor]))
	issue := {
		"code": rego.metadata.rule().custom.code,
		"path": concat("/", ["", "grounds", "cost_ipr", "comparison_factors", factor]),
		"message": concat("", [
			"grounds.cost_ipr.comparison_factors.", factor,
			" must say how the comparable CALNET cost accounts for it",
		]),
	}
}

# METADATA
# title: The request assesses interference with the statewide network
# description: Whether a separately bid contract would unduly interfere (true or false), and why.
# custom:
#   kind: deficiency
#   code: interference-assessment-missing
#   clauses:
#     - calnet.ground.ipr-network
deficiencies contains issue if {
	cost_ipr_claimed
	is_object(cost_ipr)
	not is_boolean(values.at(cost_ipr, ["network_interference", "unduly_interferes"]))
	issue := {
		"code": rego.metadata.rule().custom.code,
		"path": "/grounds/cost_ipr/network_interference/unduly_interferes",
		"message": concat(" ", [
			"grounds.cost_ipr.network_interference.unduly_interferes must say (true or false) whether",
			"the contract would unduly interfere with the statewide network",
		]),
	}
}

# METADATA
# title: The interference assessment is explained
# custom:
#   kind: deficiency
#   code: interference-assessment-missing
#   clauses:
#     - calnet.ground.ipr-network
deficiencies contains issue if {
	cost_ipr_claimed
	is_object(cost_ipr)
	not values.is_text(values.at(cost_ipr, ["network_interference", "explanation"]))
	issue := {
		"code": rego.metadata.rule().custom.code,
		"path": "/grounds/cost_ipr/network_interference/explanation",
		"message": concat(" ", [
			"grounds.cost_ipr.network_interference.explanation must explain why the contract would not",
			"unduly interfere",
		]),
	}
}

# METADATA
# title: The IPR costs that are amounts
# description: The comparable CALNET cost must be more than zero, since savings are measured against it.
# scope: document
costs_given contains "alternative_cost" if values.cents(cost_ipr.alternative_cost, ceiling_usd)

costs_given contains "comparable_calnet_cost" if values.cents(cost_ipr.comparable_calnet_cost, ceiling_usd) > 0
