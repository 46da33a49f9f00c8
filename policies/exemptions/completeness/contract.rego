package exemptions.completeness

import data.exemptions.dates
import data.exemptions.request
import data.exemptions.values

contract := input.request.contract if is_object(input.request.contract)

# METADATA
# title: The request describes the contract
# custom:
#   kind: deficiency
#   code: contract-incomplete
#   clauses:
#     - calnet.procedures.contract
#     - cgen.procedures.contract
deficiencies contains issue if {
	not contract
	issue := {
		"code": rego.metadata.rule().custom.code,
		"path": "/contract",
		"message": concat(" ", [
			"contract must describe the proposed contract: provider, length, start date, terms, early",
			"termination, extensions",
		]),
	}
}

# METADATA
# title: The contract's terms, early termination and extensions are stated
# description: Each may be answered with "none", but must be answered.
# custom:
#   kind: deficiency
#   code: contract-incomplete
#   clauses:
#     - calnet.procedures.contract
#     - cgen.procedures.contract
deficiencies contains issue if {
	is_object(contract)
	some field in ["terms", "early_termination", "optional_extensions"]
	not values.is_text(values.at(contract, field))
	issue := {
		"code": rego.metadata.rule().custom.code,
		"path": concat("/", ["", "contract", field]),
		"message": concat("", ["contract.", field, " is missing (write none if there is none)"]),
	}
}

# METADATA
# title: The contract's length is a whole number of months
# custom:
#   kind: deficiency
#   code: contract-incomplete
#   clauses:
#     - calnet.procedures.contract
#     - cgen.procedures.contract
deficiencies contains issue if {
	is_object(contract)
	not values.is_count(values.at(contract, "length_months"))
	issue := {
		"code": rego.metadata.rule().custom.code,
		"path": "/contract/length_months",
		"message": "contract.length_months must be the contract's length in whole months",
	}
}

# METADATA
# title: The covered extension months are a whole number
# custom:
#   kind: deficiency
#   code: contract-incomplete
#   clauses:
#     - calnet.procedures.contract
#     - cgen.procedures.contract
deficiencies contains issue if {
	"covered_extension_months" in object.keys(contract)
	not values.is_whole(contract.covered_extension_months)
	issue := {
		"code": rego.metadata.rule().custom.code,
		"path": "/contract/covered_extension_months",
		"message": concat(" ", [
			"contract.covered_extension_months must be the whole number of optional extension months the",
			"exemption is asked to cover (0 for none)",
		]),
	}
}

# METADATA
# title: The contract's start date is a date
# custom:
#   kind: deficiency
#   code: contract-incomplete
#   clauses:
#     - calnet.procedures.contract
#     - cgen.procedures.contract
deficiencies contains issue if {
	is_object(contract)
	not dates.is_date(values.at(contract, "start_date"))
	issue := {
		"code": rego.metadata.rule().custom.code,
		"path": "/contract/start_date",
		"message": "contract.start_date must be the date service would start (YYYY-MM-DD)",
	}
}

# METADATA
# title: The provider is named
# custom:
#   kind: deficiency
#   code: provider-missing
#   clauses:
#     - calnet.procedures.provider
#     - cgen.procedures.provider
deficiencies contains issue if {
	not values.is_text(request.field(["contract", "provider"]))
	issue := {
		"code": rego.metadata.rule().custom.code,
		"path": "/contract/provider",
		"message": "contract.provider must name the service provider",
	}
}

# METADATA
# title: No service before the exemption
# description: >-
#   A contract that starts on or before the evaluation date was bought before any exemption could be
#   granted, whatever purchase date the request gives.
# custom:
#   kind: deficiency
#   code: purchase-before-exemption
#   clauses:
#     - calnet.requests.before-purchase
#     - cgen.requests.before-purchase
deficiencies contains issue if {
	dates.is_date(contract.start_date)
	contract.start_date <= request.evaluation_date
	issue := {
		"code": rego.metadata.rule().custom.code,
		"path": "/contract/start_date",
		"message": concat("", [
			"the contract starts on ", contract.start_date, ", not after the evaluation date (",
			request.evaluation_date, "): services may be bought elsewhere only after an exemption is granted",
		]),
	}
}

# METADATA
# title: CALNET service level agreements are offered
# description: Under CALNET the request states the SLAs with their rights and remedies.
# custom:
#   kind: deficiency
#   code: sla-missing
#   clauses:
#     - calnet.procedures.sla
#     - cgen.procedures.sla
deficiencies contains issue if {
	request.calnet
	not input.request.contract.sla.available == true
	issue := {
		"code": rego.metadata.rule().custom.code,
		"path": "/contract/sla/available",
		"message": "a CALNET request states the provider's service level agreements (contract.sla.available: true)",
	}
}

# METADATA
# title: CGEN states whether service level agreements are available
# custom:
#   kind: deficiency
#   code: sla-missing
#   clauses:
#     - calnet.procedures.sla
#     - cgen.procedures.sla
deficiencies contains issue if {
	request.cgen
	not is_boolean(request.field(["contract", "sla", "available"]))
	issue := {
		"code": rego.metadata.rule().custom.code,
		"path": "/contract/sla/available",
		"message": concat(" ", [
			"contract.sla.available must say whether the provider offers service level agreements (true",
			"or false)",
		]),
	}
}

# METADATA
# title: Service level agreements come with their terms and remedies
# description: Always under CALNET; under CGEN when SLAs are available.
# custom:
#   kind: deficiency
#   code: sla-missing
#   clauses:
#     - calnet.procedures.sla
#     - cgen.procedures.sla
deficiencies contains issue if {
	_sla_details_required
	some field in ["terms", "remedies"]
	not values.is_text(request.field(["contract", "sla", field]))
	issue := {
		"code": rego.metadata.rule().custom.code,
		"path": concat("/", ["", "contract", "sla", field]),
		"message": concat("", ["contract.sla.", field, " must state the service level agreement's ", field]),
	}
}

_sla_details_required if request.calnet

_sla_details_required if input.request.contract.sla.available == true
