package markets

// maxHistoryValue bounds a [[history]] value: the hard limits of inputs are
// the model's (market.Input.Validate); a history is only shown, but a value
// past this is no measurement.
const maxHistoryValue = 1e18
