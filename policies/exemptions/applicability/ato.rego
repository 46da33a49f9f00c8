# Authorization To Order (ATO) agreements of local government agencies.
# A local agency that signed an ATO must buy the services on it from the CALNET MSA for the ATO term
# (thresholds.ato_term_years). After the term it may buy elsewhere once it has given notice at least
# thresholds.ato_notice_calendar_days calendar days ahead. The term of an agreement that started on
# start_date ends on the same day ato_term_years later: from that day the term has ended, the day
# before is its last day.
package exemptions.applicability

import data.exemptions.dates
import data.exemptions.request

thresholds := data.reference.thresholds

local_calnet if {
	request.agency.status == "local-government"
	request.calnet
}

# METADATA
# title: Term end of each ATO agreement that covers a requested service
# description: Pairs [service id, the day the agreement's term ends].
ato_terms contains [id, dates.add_years(agreement.start_date, thresholds.ato_term_years)] if {
	local_calnet
	some id in request.service_ids
	some agreement in request.agency.ato_agreements
	id in agreement.services
}

# METADATA
# title: Requested services on the agency's ATO
on_ato contains id if some [id, _] in ato_terms

# METADATA
# title: Requested services whose ATO term is still running
in_term contains id if {
	some [id, term_end] in ato_terms
	request.evaluation_date < term_end
}

# METADATA
# title: Notice of leaving given at least the required calendar days before the evaluation date
notice_complete if {
	given_on := input.request.ato_notice.given_on
	dates.is_date(given_on)
	dates.days_between(given_on, request.evaluation_date) >= thresholds.ato_notice_calendar_days
}

# METADATA
# title: Requested ATO services the agency is still bound to buy from CALNET
# description: In the term, or after it without complete notice.
bound_services contains id if {
	request.evaluation_date
	some id in on_ato
	not _free_of_ato(id)
}

_free_of_ato(id) if {
	not in_term[id]
	notice_complete
}

# METADATA
# title: The request is ATO-bound
ato_bound if count(bound_services) > 0

# METADATA
# title: The first date the agency may buy the bound services elsewhere
# description: >-
#   The latest term end of the bound services, or the day the notice runs out if that is later. Without
#   a notice date, the notice is counted from the evaluation date (the earliest it could still be given).
available_from := max(bound_term_ends | {notice_runs_out}) if ato_bound

bound_term_ends contains term_end if {
	some [id, term_end] in ato_terms
	id in bound_services
}

notice_runs_out := dates.add_days(input.request.ato_notice.given_on, thresholds.ato_notice_calendar_days) if {
	dates.is_date(input.request.ato_notice.given_on)
} else := dates.add_days(request.evaluation_date, thresholds.ato_notice_calendar_days)

# METADATA
# title: Local service not on the ATO
# description: >-
#   A local agency may buy elsewhere what its ATO does not list (and nothing requested is still bound).
# custom:
#   kind: reason
#   code: local-service-not-on-ato
#   clauses:
#     - calnet.policy.ato
#     - calnet.procurements.not-on-ato
reasons contains rego.metadata.rule().custom.code if {
	_local_free
	some id in request.service_ids
	not on_ato[id]
}

# METADATA
# title: ATO term ended and notice given
# description: >-
#   A local agency may buy an ATO service elsewhere once the term has ended and it gave notice at least
#   the required calendar days before the evaluation date.
# custom:
#   kind: reason
#   code: local-ato-expired
#   clauses:
#     - calnet.procurements.ato-term
reasons contains rego.metadata.rule().custom.code if {
	_local_free
	count(on_ato) > 0
}

_local_free if {
	local_calnet
	request.evaluation_date
	all_services_known
	not ato_bound
}
