"""One partition per disclosure file in the inbox (added by the sensor or the command line)."""

import dagster as dg

document_partition = dg.DynamicPartitionsDefinition(name="disclosure_documents")
