# source: https://github.com/huggingface/transformers/issues/5111
# error: RuntimeError: Expected all tensors to be on the same device, but found at least two devices, cpu and cuda:0! (when checking argument for argument index in method wrapper_CUDA__index_select)
# pattern: inputs-not-moved
# shape: multi-file, helper, batch-dict
# needs: transformers, torch
# cpu: no written where torch was not installed; not run
"""Reading and batching source sentences for Marian NMT inference."""
import itertools


def read_sentences(path, max_chars=1000):
    with open(path, encoding="utf-8") as f:
        for line in f:
            line = line.strip()
            if line:
                yield line[:max_chars]


def chunked(iterable, size):
    it = iter(iterable)
    while True:
        chunk = list(itertools.islice(it, size))
        if not chunk:
            return
        yield chunk


def make_batches(tokenizer, sentences, batch_size=16, max_length=256):
    """Yield (source_texts, encoded_batch) pairs; encoded_batch is a BatchEncoding dict."""
    for chunk in chunked(sentences, batch_size):
        encoded = tokenizer(
            chunk,
            return_tensors="pt",
            padding=True,
            truncation=True,
            max_length=max_length,
        )
        yield chunk, encoded
