# source: https://github.com/huggingface/sentence-transformers/issues/2959
# error: RuntimeError: Expected all tensors to be on the same device, but found at least two devices, cuda:1 and cuda:0!
# pattern: current-gpu-mismatch
# shape: multi-file, class, helper
# needs: torch, transformers
# cpu: no written where torch was not installed; not run
"""Embed a document store on the second GPU (cuda:0 is held by the chat LLM)."""
import json
import sys

import torch
import torch.nn.functional as F
from transformers import AutoTokenizer

from packed_encoder import PackedEncoder

DEVICE = torch.device("cuda:1")
tokenizer = AutoTokenizer.from_pretrained("dunzhang/stella_en_400M_v5")

encoder = PackedEncoder()
encoder.load_state_dict(torch.load("stella_packed.pt", map_location="cpu"))
encoder = encoder.to(DEVICE).eval()


def pack(texts, max_len=512):
    ids = [tokenizer(t, truncation=True, max_length=max_len)["input_ids"] for t in texts]
    seqlens = [len(x) for x in ids]
    input_ids = torch.tensor([tok for x in ids for tok in x], device=DEVICE)
    position_ids = torch.cat([torch.arange(n, device=DEVICE) for n in seqlens])
    return input_ids, position_ids, seqlens


@torch.no_grad()
def embed_docs(docs, batch_size=32):
    vectors = []
    for i in range(0, len(docs), batch_size):
        input_ids, position_ids, seqlens = pack(docs[i:i + batch_size])
        emb = encoder(input_ids, position_ids, seqlens)
        vectors.append(F.normalize(emb, dim=-1).cpu())
    return torch.cat(vectors)


if __name__ == "__main__":
    docs = [json.loads(line)["text"] for line in open(sys.argv[1], encoding="utf-8")]
    torch.save(embed_docs(docs), "doc_embeddings.pt")
