package exemptions.grounds

import data.exemptions.request
import data.exemptions.values

# METADATA
# title: The cost ground is not a CGEN ground
# custom:
#   kind: deficiency
#   code: cost-ground-not-allowed
#   clauses:
#     - cgen.ground.functionality
findings contains finding if {
	request.cgen
	"cost_ipr" in request.claimed
	finding := {
		"code": rego.metadata.rule().custom.code,
		"path": "/grounds/cost_ipr",
		"message": concat(" ", [
			"CGEN grants exemptions only for lack of features, functionality or availability; cost",
			"savings are not a CGEN ground",
		]),
	}
}

# METADATA
# title: The FSR path is not a CGEN ground
# custom:
#   kind: deficiency
#   code: fsr-ground-not-allowed
#   clauses:
#     - cgen.ground.functionality
findings contains finding if {
	request.cgen
	"fsr" in request.claimed
	finding := {
		"code": rego.metadata.rule().custom.code,
		"path": "/grounds/fsr",
		"message": concat(" ", [
			"the Feasibility Study Report path belongs to the CALNET MSA policy; CGEN grants exemptions",
			"only for lack of features, functionality or availability",
		]),
	}
}

# METADATA
# title: The savings reach the IPR threshold
# description: Savings below the near-threshold band do not show the cost ground.
# custom:
#   kind: deficiency
#   code: cost-savings-below-threshold
#   clauses:
#     - calnet.ground.ipr
#     - calnet.ground.ipr-network
findings contains finding if {
	request.calnet
	ipr_costs
	not savings_at_least(band_floor)
	finding := {
		"code": rego.metadata.rule().custom.code,
		"path": "/grounds/cost_ipr/alternative_cost",
		"message": _savings_message,
	}
}

# METADATA
# title: No undue interference with the statewide network
# custom:
#   kind: deficiency
#   code: network-interference
#   clauses:
#     - calnet.ground.ipr-network
findings contains finding if {
	request.calnet
	"cost_ipr" in request.claimed
	cost_ipr.network_interference.unduly_interferes == true
	finding := {
		"code": rego.metadata.rule().custom.code,
		"path": "/grounds/cost_ipr/network_interference/unduly_interferes",
		"message": concat(" ", [
			"the request states that a separately bid contract would unduly interfere with the",
			"statewide consolidated network, so the cost ground is not met",
		]),
	}
}

# METADATA
# title: STND reviewed the FSR
# custom:
#   kind: deficiency
#   code: fsr-not-reviewed
#   clauses:
#     - calnet.procurements.fsr
findings contains finding if {
	request.calnet
	"fsr" in request.claimed
	fsr.stnd_review.reviewed == false
	finding := {
		"code": rego.metadata.rule().custom.code,
		"path": "/grounds/fsr/stnd_review/reviewed",
		"message": "the FSR path needs the FSR reviewed by STND; it has not been",
	}
}

# METADATA
# title: DOF coordinated the FSR's approval
# custom:
#   kind: deficiency
#   code: fsr-not-coordinated
#   clauses:
#     - calnet.procurements.fsr
findings contains finding if {
	request.calnet
	"fsr" in request.claimed
	fsr.dof_coordination.coordinated == false
	finding := {
		"code": rego.metadata.rule().custom.code,
		"path": "/grounds/fsr/dof_coordination/coordinated",
		"message": "the FSR path needs its approval coordinated with the Department of Finance (DOF); it has not been",
	}
}

_compared := concat("", [values.money_text(ipr_costs[1]), " against ", values.money_text(ipr_costs[0])])

_threshold_text := values.percent_text(thresholds.ipr_savings_threshold_basis_points)

_savings_message := concat("", [
	"the alternative saves ", values.percent_text(savings_basis_points), " against the comparable CALNET cost (",
	_compared, "); the cost ground needs savings of about ", _threshold_text,
]) if {
	ipr_costs[0] > ipr_costs[1]
} else := concat("", [
	"the alternative costs the same as the comparable CALNET cost (", _compared,
	"): it saves nothing, and the cost ground needs savings of about ", _threshold_text,
	", so it cannot be met on cost",
]) if {
	ipr_costs[0] == ipr_costs[1]
} else := concat("", [
	"the alternative costs ", values.percent_text(extra_cost_basis_points),
	" more than the comparable CALNET cost (", _compared, "): the cost ground needs it about ",
	_threshold_text, " below CALNET, so it cannot be met on cost",
])

# METADATA
# title: How much more the alternative costs, in basis points rounded down, for messages
extra_cost_basis_points := values.quotient((alternative_cents - calnet_cents) * 10000, calnet_cents) if {
	[calnet_cents, alternative_cents] := ipr_costs
	alternative_cents > calnet_cents
}
