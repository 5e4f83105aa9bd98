# The encoder's output fields live where the encoder runs: on the GPU when there is
# one (the device argument left at None picks it).
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
        return hidden.mean(dim=1)


if __name__ == "__main__":
    embedder = SentenceEmbedder()
    vectors = embedder.embed(["a cat", "a dog"])
    print(np.linalg.norm(vectors.numpy(), axis=1))  # expect: TL501:26
