package exemptions.request_test

import data.exemptions.request

test_program_is_calnet_or_cgen if {
	request.program == "calnet" with input.request.program as "calnet"
	request.calnet with input.request.program as "calnet"
	request.program == "cgen" with input.request.program as "cgen"
	request.cgen with input.request.program as "cgen"
}

test_any_other_program_is_null if {
	request.program == null with input.request.program as "CALNET"
	request.program == null with input.request as "not an object"
	not request.calnet with input.request.program as 1
}

test_evaluation_date_must_be_a_date if {
	request.evaluation_date == "2026-11-22" with input.context.evaluation_date as "2026-11-22"
	not request.evaluation_date with input.context.evaluation_date as "2026-02-30"
	not request.evaluation_date with input.context as {}
}

test_services_are_read_only_from_a_list if {
	request.services == [{"service": "wan-data"}] with input.request.services as [{"service": "wan-data"}]
	request.services == [] with input.request.services as {"service": "wan-data"}
	request.service_ids == {"wan-data"} with input.request.services as [{"service": "wan-data"}, {"service": 7}]
}

test_attachments_are_read_as_file_and_kind if {
	attachments := [{"file": "ipr/a.pdf", "kind": "ipr"}, {"file": 1, "kind": "fsr"}, "x"]
	request.attached == {["ipr/a.pdf", "ipr"]} with input.request.attachments as attachments
	count(request.attached) == 0 with input.request.attachments as {"file": "ipr/a.pdf", "kind": "ipr"}
}

test_claimed_grounds_are_the_known_keys if {
	grounds := {"functionality": {}, "fsr": null, "other": {}}
	request.claimed == {"functionality", "fsr"} with input.request.grounds as grounds
	count(request.claimed) == 0 with input.request.grounds as ["functionality"]
}

test_agency_comes_from_the_registry if {
	request.agency.status == "exempt" with input.request.agency.code as "UC"
	not request.agency with input.request.agency.code as "NOPE"
	not request.agency with input.request.agency as "UC"
}

test_fields_of_a_request_that_is_not_a_mapping_are_null if {
	request.body == {} with input.request as "format: 2"
	request.field(["need"]) == null with input.request as ["need"]
	request.field(["submitted", "date"]) == "2026-10-01" with input.request as {"submitted": {"date": "2026-10-01"}}
	request.field(["submitted", "date"]) == null with input.request as {"submitted": "2026-10-01"}
}

test_submission_and_purchase_dates_must_be_dates if {
	request.submission_date == "2026-10-01" with input.request.submitted.date as "2026-10-01"
	not request.submission_date with input.request.submitted.date as "2026-10-32"
	not request.submission_date with input.request.submitted as {"on": "2026-10-01"}
	request.purchase_date == "2027-01-15" with input.request.contract.purchase_date as "2027-01-15"
	not request.purchase_date with input.request.contract.purchase_date as 20270115
}

test_the_record_is_read_only_when_it_is_a_mapping if {
	request.record == {"a-1": {}} with input.context.exemptions as {"a-1": {}}
	not request.record with input.context.exemptions as ["a-1"]
	not request.record with input.context as {"evaluation_date": "2026-11-22"}
}

test_the_office_is_the_programs if {
	request.office == "STND" with input.request.program as "calnet"
	request.office == "CDT" with input.request.program as "cgen"
	not request.office with input.request.program as "other"
}
