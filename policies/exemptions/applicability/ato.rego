# Authorization To Order (ATO) agreements of local government agencies.
# A local agency that signed an ATO must buy the services on it from the CALNET MSA for the ATO term
# (thresholds.ato_term_years). Once the term has ended it may buy them elsewhere, with notice given at
# least thresholds.ato_notice_calendar_days calendar days before the purchase. Both are judged at the
# request's purchase date (contract.purchase_date), the day the agency would buy elsewhere. The term of
# an agreement that started on start_date ends on the same day ato_term_years later: from that day the
# term has ended, the day before is its last day.
package exemptions.applicability

import data.exemptions.dates
import data.exemptions.request

thresholds := data.reference.thresholds

local_calnet if {
	request.agency.status == "local-government"
	request.calnet
}

# METADATA
# title: The local agency has signed at least one ATO
signed_ato if count(object.get(request.agency, "ato_agreements", [])) > 0

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
# title: Requested ATO services whose term is still running on the purchase date
in_term contains id if {
	some [id, term_end] in ato_terms
	request.purchase_date < term_end
}

# METADATA
# title: The day notice of leaving was given
# description: >-
#   A notice dated after the evaluation date has not been given yet: it is a plan, and does not count.
notice_given_on := input.request.ato_notice.given_on if {
	dates.is_date(input.request.ato_notice.given_on)
	input.request.ato_notice.given_on <= request.evaluation_date
}

# METADATA
# title: Notice given at least the required calendar days before the purchase date
notice_complete if {
	dates.days_between(notice_given_on, request.purchase_date) >= thresholds.ato_notice_calendar_days
}

# METADATA
# title: The ATO can be judged
# description: >-
#   Judging an ATO service needs the purchase date; a request with no service on the ATO needs none.
# scope: document
ato_judged if count(on_ato) == 0

ato_judged if request.purchase_date

# METADATA
# title: Requested ATO services the agency is still bound to buy from CALNET
# description: The purchase date falls in the term, or the notice before it was too short.
bound_services contains id if {
	request.evaluation_date
	request.purchase_date
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
# title: The earliest purchase date the ATO allows
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
# title: The purchase falls in the ATO term
# description: Until the term ends, the agency buys the ATO's services from the CALNET MSA.
# custom:
#   kind: deficiency
#   code: ato-term-running
#   clauses:
#     - calnet.policy.ato
#     - calnet.procurements.ato-term
binding contains issue if {
	some [id, term_end] in ato_terms
	id in bound_services
	in_term[id]
	issue := {
		"code": rego.metadata.rule().custom.code,
		"path": "/contract/purchase_date",
		"message": concat("", [
			"the purchase date ", request.purchase_date, " falls in the ATO term for ", id,
			", which ends on ", term_end, ": until then the agency buys ", id,
			" from the CALNET MSA; the earliest purchase date the ATO allows is ", available_from,
		]),
	}
}

# METADATA
# title: Notice given the required calendar days before the purchase
# custom:
#   kind: deficiency
#   code: ato-notice-short
#   clauses:
#     - calnet.procurements.ato-term
binding contains issue if {
	ato_bound
	not notice_complete
	issue := {
		"code": rego.metadata.rule().custom.code,
		"path": "/ato_notice/given_on",
		"message": concat("", [_notice_problem, "; the earliest purchase date the ATO allows is ", available_from]),
	}
}

_notice_days := format_int(thresholds.ato_notice_calendar_days, 10)

default _notice_problem := ""

_notice_problem := concat("", [
	"no notice of leaving the ATO is recorded: give notice at least ", _notice_days,
	" calendar days before the purchase date and write its date in ato_notice.given_on",
]) if {
	not dates.is_date(request.field(["ato_notice", "given_on"]))
}

_notice_problem := concat("", [
	"the notice is dated ", input.request.ato_notice.given_on, ", after the evaluation date (",
	request.evaluation_date, "), so it has not been given yet: it counts once it is given, at least ",
	_notice_days, " calendar days before the purchase date",
]) if {
	dates.is_date(input.request.ato_notice.given_on)
	not notice_given_on
}

_notice_problem := concat("", [
	"the notice was given on ", notice_given_on, ", ",
	format_int(dates.days_between(notice_given_on, request.purchase_date), 10),
	" calendar days before the purchase date ", request.purchase_date, "; at least ", _notice_days,
	" are needed",
]) if {
	notice_given_on
}

# METADATA
# title: Local agency without an ATO
# description: A local agency that has signed no ATO is not bound to the CALNET MSA for any service.
# custom:
#   kind: reason
#   code: local-agency-without-ato
#   clauses:
#     - calnet.policy.ato
#     - calnet.procurements.not-on-ato
reasons contains rego.metadata.rule().custom.code if {
	_local_free
	not signed_ato
}

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
	signed_ato
	some id in request.service_ids
	not on_ato[id]
}

# METADATA
# title: ATO term ended and notice given
# description: >-
#   A local agency may buy an ATO service elsewhere once the term has ended by the purchase date and it
#   gave notice at least the required calendar days before that date.
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
	ato_judged
	not ato_bound
}
