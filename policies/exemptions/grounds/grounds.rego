# METADATA
# title: Grounds
# description: >-
#   Which of the claimed grounds the request shows, and why a claimed ground falls short. Read only once
#   the request is complete (the outcome precedence guarantees it); every value is still guarded, so
#   incomplete input leaves a ground unshown rather than failing.
package exemptions.grounds

import data.exemptions.request
import data.exemptions.values

thresholds := data.reference.thresholds

cost_ipr := input.request.grounds.cost_ipr

fsr := input.request.grounds.fsr

# METADATA
# title: Functionality ground
# description: Every program service lacks the features, functionality or availability the need requires.
# custom:
#   kind: ground
#   code: functionality
#   clauses:
#     - calnet.ground.functionality
#     - cgen.ground.functionality
shown contains code if {
	code := rego.metadata.rule().custom.code
	code in request.claimed
}

# METADATA
# title: Cost ground through the IPR process
# description: >-
#   The IPR shows the alternative's cost substantially below the comparable CALNET cost (savings at or
#   above the threshold, or within the near-threshold band left to reviewer judgment), and a separately
#   bid contract would not unduly interfere with the statewide network.
# custom:
#   kind: ground
#   code: cost-ipr
#   clauses:
#     - calnet.ground.ipr
#     - calnet.ground.ipr-network
shown contains rego.metadata.rule().custom.code if {
	request.calnet
	cost_ipr.network_interference.unduly_interferes == false
	savings_at_least(band_floor)
}

# METADATA
# title: Feasibility Study Report path
# description: The FSR was submitted, reviewed by STND, and coordinated with DOF.
# custom:
#   kind: ground
#   code: fsr
#   clauses:
#     - calnet.procurements.fsr
#     - calnet.agency.fsr-timing
shown contains rego.metadata.rule().custom.code if {
	request.calnet
	fsr.stnd_review.reviewed == true
	fsr.dof_coordination.coordinated == true
}

# METADATA
# title: Comparable CALNET cost and alternative cost in cents
ipr_costs := [calnet_cents, alternative_cents] if {
	calnet_cents := values.cents(cost_ipr.comparable_calnet_cost, thresholds.amount_ceiling_usd)
	alternative_cents := values.cents(cost_ipr.alternative_cost, thresholds.amount_ceiling_usd)
	calnet_cents > 0
}

# METADATA
# title: The lower edge of the near-threshold band, in basis points
band_floor := thresholds.ipr_savings_threshold_basis_points - thresholds.ipr_near_threshold_band_basis_points

# METADATA
# title: Savings of at least some basis points
# description: >-
#   (CALNET - alternative) / CALNET >= basis points / 10000, cross-multiplied so that no division is done
#   and exactly 20% is exactly 20%.
savings_at_least(basis_points) if {
	[calnet_cents, alternative_cents] := ipr_costs
	(calnet_cents - alternative_cents) * 10000 >= basis_points * calnet_cents
}

# METADATA
# title: Savings in basis points, rounded down, for messages
# scope: document
default savings_basis_points := 0

savings_basis_points := values.quotient((calnet_cents - alternative_cents) * 10000, calnet_cents) if {
	[calnet_cents, alternative_cents] := ipr_costs
	calnet_cents > alternative_cents
}

# METADATA
# title: Savings in the near-threshold band
# description: At or above the band's lower edge but below the threshold; reviewers judge these.
near_threshold if {
	"cost-ipr" in shown
	not savings_at_least(thresholds.ipr_savings_threshold_basis_points)
}
