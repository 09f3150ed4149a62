"""The Heat machinery the Heat drivers share: templates and files,
parameter mappings, environments, stack requests and the Heat client
adapter, stack outputs and status mapping."""
