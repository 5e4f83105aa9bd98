# source: https://github.com/arcee-ai/DALM/issues/73
# error: RuntimeError: Expected all tensors to be on the same device, but found at least two devices, cpu and cuda:0! (when checking argument for argument index in method wrapper_CUDA__index_select)
# pattern: module-not-placed
# shape: class, loader-loop, batch-dict
# bug-lines: 60, 71
# needs: torch
# cpu: no written where torch was not installed; not run

"""Evaluate an end-to-end trained RAG model: retriever recall@k over a passage pool."""
import torch
import torch.nn as nn
import torch.nn.functional as F
from torch.utils.data import DataLoader, Dataset


class MeanPoolEncoder(nn.Module):
    def __init__(self, vocab_size=30522, dim=384):
        super().__init__()
        self.embed = nn.Embedding(vocab_size, dim, padding_idx=0)
        self.proj = nn.Linear(dim, dim)

    def forward(self, input_ids, attention_mask):
        h = self.embed(input_ids) * attention_mask.unsqueeze(-1)
        pooled = h.sum(1) / attention_mask.sum(1, keepdim=True).clamp(min=1)
        return F.normalize(self.proj(pooled), dim=-1)


class RagE2EModel(nn.Module):
    def __init__(self):
        super().__init__()
        self.retriever = MeanPoolEncoder()
        self.generator = nn.TransformerDecoderLayer(d_model=384, nhead=6, batch_first=True)

    @classmethod
    def from_checkpoints(cls, retriever_path, generator_path):
        model = cls()
        model.retriever.load_state_dict(torch.load(retriever_path, map_location="cpu"))
        model.generator.load_state_dict(torch.load(generator_path, map_location="cpu"))
        return model.eval()


class QueryPassageSet(Dataset):
    def __init__(self, n=256, seq_len=32):
        self.q = torch.randint(1, 30522, (n, seq_len))
        self.p = torch.randint(1, 30522, (n, seq_len))

    def __len__(self):
        return len(self.q)

    def __getitem__(self, i):
        ones = torch.ones(self.q.shape[1], dtype=torch.long)
        return {"query_ids": self.q[i], "query_mask": ones, "passage_ids": self.p[i], "passage_mask": ones}


@torch.no_grad()
def evaluate_retriever(model, loader, device, k=5):
    hits, total = 0, 0
    for batch in loader:
        batch = {name: t.to(device) for name, t in batch.items()}
        q = model.retriever(batch["query_ids"], batch["query_mask"])
        p = model.retriever(batch["passage_ids"], batch["passage_mask"])
        topk = (q @ p.t()).topk(k, dim=1).indices
        gold = torch.arange(q.size(0), device=device).unsqueeze(1)
        hits += (topk == gold).any(dim=1).sum().item()
        total += q.size(0)
    return hits / total


if __name__ == "__main__":
    device = torch.device("cuda" if torch.cuda.is_available() else "cpu")
    rag = RagE2EModel.from_checkpoints("myretriever/encoder.pt", "mygenerator/decoder_layer.pt")
    loader = DataLoader(QueryPassageSet(), batch_size=32)
    print(f"recall@5: {evaluate_retriever(rag, loader, device):.3f}")
