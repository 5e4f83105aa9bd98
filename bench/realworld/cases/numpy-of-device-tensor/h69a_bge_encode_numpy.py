# source: https://github.com/FlagOpen/FlagEmbedding/pull/1119
# error: TypeError: can't convert cuda:0 device type tensor to numpy. Use Tensor.cpu() to copy the tensor to host memory first.
# pattern: numpy-of-device-tensor
# looks-like: numpy-of-device-tensor
# shape: class, loader-loop
# needs: torch, numpy, transformers
# cpu: no written where torch was not installed; not run
"""Dense encoder wrapper that can return either numpy arrays or torch tensors."""
import numpy as np
import torch
from transformers import AutoModel, AutoTokenizer


class FlagStyleEncoder:
    def __init__(self, name="BAAI/bge-base-en-v1.5", use_fp16=True, device=None):
        self.device = torch.device(device or ("cuda" if torch.cuda.is_available() else "cpu"))
        self.tokenizer = AutoTokenizer.from_pretrained(name)
        self.model = AutoModel.from_pretrained(name).to(self.device).eval()
        if use_fp16 and self.device.type == "cuda":
            self.model.half()

    @torch.no_grad()
    def encode(self, sentences, batch_size=64, max_length=512, convert_to_numpy=True):
        all_embeddings = []
        for start in range(0, len(sentences), batch_size):
            batch = self.tokenizer(sentences[start:start + batch_size], padding=True,
                                   truncation=True, max_length=max_length, return_tensors="pt")
            batch = batch.to(self.device)
            cls = self.model(**batch).last_hidden_state[:, 0]
            cls = torch.nn.functional.normalize(cls, dim=-1)
            if convert_to_numpy:
                cls = cls.float().cpu().numpy()
            all_embeddings.append(cls)
        if convert_to_numpy:
            return np.concatenate(all_embeddings, axis=0)
        return torch.cat(all_embeddings, dim=0)


if __name__ == "__main__":
    enc = FlagStyleEncoder()
    q = enc.encode(["what is a panda?"])
    p = enc.encode(["The giant panda is a bear species endemic to China.", "Paris is in France."])
    print(q @ p.T)
