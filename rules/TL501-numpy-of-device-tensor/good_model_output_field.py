# The pooled output is brought back to the CPU before numpy reads it; the device
# given explicitly is the CPU.
import numpy as np
import torch
from transformers import AutoModel, AutoTokenizer


class SentenceEmbedder:
    def __init__(self, name="sentence-transformers/all-MiniLM-L6-v2", device=None):
        self.device = device or ("cuda" if torch.cuda.is_available() else "cpu")
        self.tokenizer = AutoTokenizer.from_pretrained(name)
        self.encoder = AutoModel.from_pretrained(name).to(self.device)

    @torch.no_grad()
    def embed(self, sentences):
        ids = [self.tokenizer.encode(s, max_length=32, padding="max_length") for s in sentences]
        outputs = self.encoder(torch.tensor(ids).to(self.device))
        hidden = outputs.last_hidden_state
        return hidden.mean(dim=1).cpu()


if __name__ == "__main__":
    embedder = SentenceEmbedder()
    vectors = embedder.embed(["a cat", "a dog"])
    print(np.linalg.norm(vectors.numpy(), axis=1))
    on_cpu = SentenceEmbedder(device="cpu")
    print(on_cpu.encoder(torch.tensor([[101, 102]])).pooler_output.numpy())
