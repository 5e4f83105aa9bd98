# source: https://github.com/sgl-project/sglang/pull/22296
# error: RuntimeError: Expected all tensors to be on the same device, but got weight is on cuda:0, different from other tensors on cpu (when checking argument in method wrapper_CUDA___slow_conv2d_forward)
# pattern: tensor-created-without-device
# shape: class, loader-loop, batch-dict
# looks-like: tensor-created-without-device
# needs: torch, transformers, datasets
# cpu: no written where torch was not installed; not run
"""Batch transcription with a Whisper encoder wrapper that pools audio embeddings for retrieval."""
import torch
import torch.nn as nn
from datasets import Audio, load_dataset
from transformers import WhisperFeatureExtractor, WhisperModel


class WhisperAudioEncoder(nn.Module):
    def __init__(self, name="openai/whisper-small"):
        super().__init__()
        encoder = WhisperModel.from_pretrained(name).encoder
        self.conv1, self.conv2 = encoder.conv1, encoder.conv2
        self.embed_positions = encoder.embed_positions
        self.layers, self.layer_norm = encoder.layers, encoder.layer_norm

    def forward(self, features):
        weight = self.conv1.weight
        features = features.to(device=weight.device, dtype=weight.dtype)
        x = nn.functional.gelu(self.conv1(features))
        x = nn.functional.gelu(self.conv2(x)).permute(0, 2, 1)
        positions = torch.arange(x.shape[1], device=x.device)
        x = x + self.embed_positions(positions)
        for layer in self.layers:
            x = layer(x, attention_mask=None, layer_head_mask=None)[0]
        return self.layer_norm(x)


def collate(batch, extractor):
    arrays = [item["audio"]["array"] for item in batch]
    feats = extractor(arrays, sampling_rate=16000, return_tensors="pt")
    return {"input_features": feats.input_features, "ids": [item["id"] for item in batch]}


@torch.no_grad()
def embed_corpus(encoder, loader):
    out = {}
    for batch in loader:
        hidden = encoder(batch["input_features"])
        pooled = hidden.mean(dim=1).float().cpu()
        out.update(zip(batch["ids"], pooled))
    return out


if __name__ == "__main__":
    device = torch.device("cuda" if torch.cuda.is_available() else "cpu")
    dtype = torch.float16 if device.type == "cuda" else torch.float32
    extractor = WhisperFeatureExtractor.from_pretrained("openai/whisper-small")
    encoder = WhisperAudioEncoder().to(device=device, dtype=dtype).eval()
    ds = load_dataset("hf-internal-testing/librispeech_asr_dummy", "clean", split="validation")
    ds = ds.cast_column("audio", Audio(sampling_rate=16000))
    loader = torch.utils.data.DataLoader(ds, batch_size=8, collate_fn=lambda b: collate(b, extractor))
    vectors = embed_corpus(encoder, loader)
    print(len(vectors), next(iter(vectors.values())).shape)
