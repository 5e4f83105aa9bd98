# source: https://github.com/cisnlp/simalign/issues/16
# error: RuntimeError: Expected all tensors to be on the same device, but found at least two devices, cuda:0 and cpu! (when checking argument for argument index in method wrapper_CUDA__index_select)
# pattern: inputs-not-moved
# shape: class
# bug-lines: 27, 29
# needs: torch, transformers
# cpu: no written where torch was not installed; not run
from typing import List

import torch
from transformers import AutoModel, AutoTokenizer


class SubwordEmbedder:
    """Contextual subword embeddings from one hidden layer of a multilingual encoder."""

    def __init__(self, model_name="bert-base-multilingual-cased", device="cuda", layer=8):
        self.device = torch.device(device)
        self.layer = layer
        self.tokenizer = AutoTokenizer.from_pretrained(model_name)
        self.model = AutoModel.from_pretrained(model_name, output_hidden_states=True)
        self.model.to(self.device)
        self.model.eval()

    @torch.no_grad()
    def embed_pair(self, src: List[str], tgt: List[str]) -> List[torch.Tensor]:
        encoded = self.tokenizer([src, tgt], is_split_into_words=True, padding=True,
                                 truncation=True, return_tensors="pt")
        hidden = self.model(**encoded).hidden_states[self.layer]
        return [hidden[0, 1:-1], hidden[1, 1:-1]]


def similarity_matrix(embedder: SubwordEmbedder, src: List[str], tgt: List[str]) -> torch.Tensor:
    src_vecs, tgt_vecs = embedder.embed_pair(src, tgt)
    src_vecs = torch.nn.functional.normalize(src_vecs, dim=-1)
    tgt_vecs = torch.nn.functional.normalize(tgt_vecs, dim=-1)
    return src_vecs @ tgt_vecs.T


def align_file(path_src, path_tgt, embedder):
    alignments = []
    with open(path_src) as fs, open(path_tgt) as ft:
        for line_s, line_t in zip(fs, ft):
            sim = similarity_matrix(embedder, line_s.split(), line_t.split())
            fwd = sim.argmax(dim=1)
            bwd = sim.argmax(dim=0)
            pairs = [(i, int(j)) for i, j in enumerate(fwd) if int(bwd[j]) == i]
            alignments.append(pairs)
    return alignments


if __name__ == "__main__":
    emb = SubwordEmbedder(device="cuda:0")
    print(align_file("train.de", "train.en", emb)[:3])
