# source: https://github.com/mosecorg/mosec/pull/98
# error: RuntimeError: Expected all tensors to be on the same device, but found at least two devices, cuda:0 and cpu!
# pattern: inputs-not-moved
# shape: class, helper
# looks-like: inputs-not-moved
# needs: torch, transformers
# cpu: no written where torch was not installed; not run
from typing import List

import torch
from torch.nn.utils.rnn import pad_sequence
from transformers import AutoModel, AutoTokenizer


class Encoder:
    """Batch worker: receives token id lists, returns mean-pooled sentence embeddings."""

    def __init__(self, model_name="sentence-transformers/all-MiniLM-L6-v2"):
        self.device = torch.device("cuda" if torch.cuda.is_available() else "cpu")
        self.tokenizer = AutoTokenizer.from_pretrained(model_name)
        self.model = AutoModel.from_pretrained(model_name).to(self.device).eval()

    def _collate(self, batch: List[List[int]]):
        tensors = [torch.tensor(ids, dtype=torch.long) for ids in batch]
        lengths = torch.tensor([len(ids) for ids in batch])
        input_ids = pad_sequence(tensors, batch_first=True, padding_value=self.tokenizer.pad_token_id)
        attention_mask = torch.arange(input_ids.shape[1])[None, :] < lengths[:, None]
        return input_ids.to(self.device), attention_mask.long().to(self.device)

    def forward(self, batch: List[List[int]]) -> List[List[float]]:
        input_ids, attention_mask = self._collate(batch)
        with torch.no_grad():
            hidden = self.model(input_ids=input_ids, attention_mask=attention_mask)[0]
        mask = attention_mask.unsqueeze(-1).to(hidden.dtype)
        pooled = (hidden * mask).sum(dim=1) / mask.sum(dim=1).clamp(min=1e-9)
        return pooled.cpu().tolist()


if __name__ == "__main__":
    worker = Encoder()
    texts = ["a quick brown fox", "jumps over the lazy dog near the river bank"]
    ids = [worker.tokenizer(t)["input_ids"] for t in texts]
    print(len(worker.forward(ids)[0]))
