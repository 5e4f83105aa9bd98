# source: https://github.com/voxel51/fiftyone/issues/2852
# error: TypeError: can't convert cuda:0 device type tensor to numpy. Use Tensor.cpu() to copy the tensor to host memory first.
# pattern: numpy-of-device-tensor
# shape: multi-file, class, helper
# needs: torch, transformers
# cpu: no written where torch was not installed; not run
import torch
import torch.nn.functional as F
from transformers import AutoModel, AutoTokenizer


class CodeEncoder:
    """Mean-pooled UniXcoder embeddings for natural-language queries and code snippets."""

    def __init__(self, name="microsoft/unixcoder-base", device=None, max_len=256):
        self.device = torch.device(device or ("cuda" if torch.cuda.is_available() else "cpu"))
        self.tokenizer = AutoTokenizer.from_pretrained(name)
        self.model = AutoModel.from_pretrained(name).to(self.device).eval()
        self.max_len = max_len

    @torch.no_grad()
    def embed(self, texts, batch_size=32):
        chunks = []
        for i in range(0, len(texts), batch_size):
            enc = self.tokenizer(texts[i:i + batch_size], padding=True, truncation=True,
                                 max_length=self.max_len, return_tensors="pt").to(self.device)
            hidden = self.model(**enc).last_hidden_state
            mask = enc["attention_mask"].unsqueeze(-1).to(hidden.dtype)
            pooled = (hidden * mask).sum(1) / mask.sum(1).clamp(min=1.0)
            chunks.append(F.normalize(pooled, dim=-1))
        return torch.cat(chunks)
