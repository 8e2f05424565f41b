"""The extract stage: grounded facts per article (`article.extract_article`) and the corpus
tables that combine them (`tables.build_tables`). Kept empty of imports, like `analyze`."""
