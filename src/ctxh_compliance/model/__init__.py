"""The data the pipeline passes along: the plan model, the finding and report model, localized text.
May import: core."""
