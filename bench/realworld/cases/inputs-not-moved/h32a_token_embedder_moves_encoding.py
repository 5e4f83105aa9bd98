# source: https://github.com/code-kern-ai/embedders/pull/5
# error: RuntimeError: Expected all tensors to be on the same device, but found at least two devices, cuda:0 and cpu! (when checking argument for argument index in method wrapper__index_select)
# pattern: inputs-not-moved
# shape: class, helper
# looks-like: inputs-not-moved
# needs: torch, transformers
# cpu: no written where torch was not installed; not run
from typing import List, Tuple

import torch
from transformers import AutoModel, AutoTokenizer


class TransformerTokenEmbedder:
    """Word-level embeddings: averages subword vectors of each whitespace word."""

    def __init__(self, config_string="distilbert-base-uncased", batch_size=32):
        self.device = "cuda" if torch.cuda.is_available() else "cpu"
        self.batch_size = batch_size
        self.tokenizer = AutoTokenizer.from_pretrained(config_string)
        self.model = AutoModel.from_pretrained(config_string).to(self.device)
        self.model.eval()

    @torch.no_grad()
    def _word_level_embeddings(self, document: str) -> List[Tuple[int, int, List[float]]]:
        encoded = self.tokenizer(document, return_tensors="pt", return_offsets_mapping=True,
                                 truncation=True)
        offsets = encoded.pop("offset_mapping")[0].tolist()
        word_ids = encoded.word_ids(0)
        encoded = encoded.to(self.device)
        hidden = self.model(**encoded).last_hidden_state[0]

        results = []
        for word in sorted({w for w in word_ids if w is not None}):
            positions = [i for i, w in enumerate(word_ids) if w == word]
            vector = hidden[positions].mean(dim=0)
            start, end = offsets[positions[0]][0], offsets[positions[-1]][1]
            results.append((start, end, vector.cpu().tolist()))
        return results

    def transform(self, documents: List[str]):
        return [self._word_level_embeddings(doc) for doc in documents]


if __name__ == "__main__":
    embedder = TransformerTokenEmbedder()
    spans = embedder.transform(["Kern AI builds data-centric NLP tooling.", "Embeddings on GPU."])
    print([len(s) for s in spans])
