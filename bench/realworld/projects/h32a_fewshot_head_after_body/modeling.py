# source: https://github.com/huggingface/setfit/issues/169
# error: RuntimeError: Expected all tensors to be on the same device, but found at least two devices, cuda:0 and cpu! (when checking argument for argument mat1 in method wrapper_addmm)
# pattern: module-added-after-placement
# shape: multi-file, class
# bug-lines: 26, 42
# needs: torch, transformers
# cpu: no written where torch was not installed; not run
import torch
import torch.nn as nn
from transformers import AutoModel, AutoTokenizer


class FewShotClassifier(nn.Module):
    """Sentence-embedding body with an optional trainable classification head."""

    def __init__(self, body_name="sentence-transformers/paraphrase-mpnet-base-v2", device=None):
        super().__init__()
        self.device = torch.device(device or ("cuda" if torch.cuda.is_available() else "cpu"))
        self.tokenizer = AutoTokenizer.from_pretrained(body_name)
        self.body = AutoModel.from_pretrained(body_name)
        self.body.to(self.device)
        self.head = None

    def add_differentiable_head(self, num_classes, temperature=1.0):
        dim = self.body.config.hidden_size
        self.head = nn.Linear(dim, num_classes)
        self.temperature = temperature
        return self.head

    def freeze_body(self):
        for p in self.body.parameters():
            p.requires_grad_(False)

    def embed(self, texts):
        enc = self.tokenizer(texts, padding=True, truncation=True, return_tensors="pt").to(self.device)
        out = self.body(**enc).last_hidden_state
        mask = enc["attention_mask"].unsqueeze(-1).to(out.dtype)
        return (out * mask).sum(1) / mask.sum(1)

    def forward(self, texts):
        emb = self.embed(texts)
        return self.head(emb) / self.temperature
