"""Disclosure documents as data: the model, the reference disclosure, the renderer (xlsx → PDF)
and the ground truth derived from the same data. Used to make test fixtures and sample PDFs."""
