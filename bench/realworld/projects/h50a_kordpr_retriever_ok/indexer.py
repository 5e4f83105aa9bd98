# source: https://github.com/TmaxEdu/KorDPR/issues/2
# error: RuntimeError: Expected all tensors to be on the same device, but found at least two devices, cuda:0 and cpu! (when checking argument for argument index in method wrapper__index_select)
# pattern: inputs-not-moved
# shape: multi-file, class, helper
# looks-like: inputs-not-moved
# needs: numpy, faiss
# cpu: no written where torch was not installed; not run
import pickle

import faiss
import numpy as np


class DenseFlatIndexer:
    def __init__(self, dim=768):
        self.index = faiss.IndexFlatIP(dim)
        self.index_id_to_db_id = []

    def index_data(self, data):
        ids = [d[0] for d in data]
        vectors = np.concatenate([np.reshape(d[1], (1, -1)) for d in data]).astype("float32")
        self.index_id_to_db_id.extend(ids)
        self.index.add(vectors)

    def search_knn(self, query_vectors, top_docs):
        scores, indexes = self.index.search(query_vectors, top_docs)
        db_ids = [[self.index_id_to_db_id[i] for i in row] for row in indexes]
        return list(zip(db_ids, scores))

    def deserialize(self, path):
        self.index = faiss.read_index(f"{path}/index.dpr")
        with open(f"{path}/index_meta.dpr", "rb") as f:
            self.index_id_to_db_id = pickle.load(f)
