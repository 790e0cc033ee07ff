package export

// yearSteps are the spacings year labels may have.
var yearSteps = []int{1, 2, 5, 10, 20, 25, 50, 100, 1000, 10000, 100000}

// YearStep is how many years apart year labels go on an axis spanning span
// years, so that there are at most maxLabels of them. With evenly, the step
// also divides the span, so labels land on both ends (the terminal chart
// spaces its labels evenly from end to end).
func YearStep(span, maxLabels int, evenly bool) int {
	if span <= 0 {
		return 1
	}
	for _, s := range yearSteps {
		if evenly && span%s != 0 {
			continue
		}
		if span <= s*(maxLabels-1) {
			return s
		}
	}
	return span // the two ends alone
}
