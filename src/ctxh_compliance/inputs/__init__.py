"""Every file the tool reads, before it is understood: the input gate, YAML with locations, plan files
into the plan model, the configuration file. May import: model, core."""
