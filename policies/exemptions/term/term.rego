# METADATA
# title: The term an exemption would cover
# description: >-
#   From the contract's start, for its length plus the optional extension months the request asks the
#   exemption to cover (contract.covered_extension_months, none when absent). The term is stated on a
#   ready-for-decision decision, and the register and the expiry notices read it from there.
package exemptions.term

import data.exemptions.dates
import data.exemptions.values

contract := input.request.contract if is_object(input.request.contract)

# METADATA
# title: Extension months the exemption would cover
# description: Absent means none; anything but a whole number of months leaves the term untold.
# scope: document
extension_months := 0 if not "covered_extension_months" in object.keys(contract)

extension_months := months if {
	months := contract.covered_extension_months
	values.is_whole(months)
}

# METADATA
# title: The term, with its first and last day
covered := {"from": start, "months": months, "extension_months": extension_months, "through": through} if {
	start := contract.start_date
	dates.is_date(start)
	values.is_count(contract.length_months)
	months := contract.length_months + extension_months
	through := dates.add_days(dates.add_months(start, months), -1)
}
