# source: https://github.com/voxel51/fiftyone/issues/2852
# error: TypeError: can't convert cuda:0 device type tensor to numpy. Use Tensor.cpu() to copy the tensor to host memory first.
# pattern: numpy-of-device-tensor
# shape: multi-file, class, helper
# bug-lines: 33
# needs: numpy
# cpu: no written where torch was not installed; not run
import json

import numpy as np


class SnippetIndex:
    """Brute-force inner-product index over normalized code embeddings."""

    def __init__(self, encoder):
        self.encoder = encoder
        self.vectors = None
        self.meta = []

    def build(self, records):
        self.meta = list(records)
        emb = self.encoder.embed([r["code"] for r in self.meta])
        self.vectors = emb.cpu().numpy().astype(np.float32)
        return self

    def save(self, prefix):
        np.save(prefix + ".npy", self.vectors)
        with open(prefix + ".json", "w") as f:
            json.dump(self.meta, f)

    def embed_query(self, query):
        return self.encoder.embed([query])[0].detach().numpy()

    def search(self, query, k=5):
        q = self.embed_query(query)
        scores = self.vectors @ q
        top = np.argsort(-scores)[:k]
        return [(float(scores[i]), self.meta[i]["path"]) for i in top]
