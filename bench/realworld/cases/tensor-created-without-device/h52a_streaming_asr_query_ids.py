# source: https://github.com/pengzhendong/streaming-sensevoice/issues/3
# error: RuntimeError: Expected all tensors to be on the same device, but found at least two devices, cuda:0 and cpu! (when checking argument for argument index in method wrapper_CUDA__index_select)
# pattern: tensor-created-without-device
# shape: class, helper
# bug-lines: 37
# needs: torch
# cpu: no written where torch was not installed; not run
import torch
import torch.nn as nn


class ChunkEncoder(nn.Module):
    def __init__(self, feat_dim=560, d_model=256, vocab=4096, n_prompts=16):
        super().__init__()
        self.prompt_embed = nn.Embedding(n_prompts, feat_dim)
        self.proj = nn.Linear(feat_dim, d_model)
        self.encoder = nn.TransformerEncoder(
            nn.TransformerEncoderLayer(d_model, 4, batch_first=True), num_layers=4)
        self.ctc_head = nn.Linear(d_model, vocab)


class StreamingRecognizer:
    LANG_IDS = {"auto": 0, "zh": 3, "en": 4}

    def __init__(self, model, language="en", chunk_size=10, padding=8, device="cuda"):
        self.device = torch.device(device)
        self.model = model.to(self.device).eval()
        self.language = language
        self.chunk_size = chunk_size
        self.padding = padding
        self.buffer = torch.zeros(chunk_size + 2 * padding, 560, device=self.device)
        self.seen = 0

    def _prompt(self, batch_size):
        lid = self.LANG_IDS[self.language]
        # language, event, emotion and text-norm prompt tokens
        ids = torch.tensor([[lid, 1, 2, 14]], dtype=torch.long)
        return self.model.prompt_embed(ids).expand(batch_size, -1, -1)

    @torch.no_grad()
    def _decode_chunk(self, feats):
        feats = feats.unsqueeze(0)
        x = torch.cat([self._prompt(feats.size(0)), feats], dim=1)
        h = self.model.encoder(self.model.proj(x))
        return self.model.ctc_head(h).log_softmax(-1)[0, 4:]

    def accept_frames(self, frames):
        """frames: (T, 560) LFR fbank frames produced by the online frontend."""
        outputs = []
        for frame in frames.to(self.device):
            self.buffer = torch.roll(self.buffer, -1, dims=0)
            self.buffer[-1] = frame
            self.seen += 1
            if self.seen % self.chunk_size:
                continue
            logp = self._decode_chunk(self.buffer)[self.padding:self.padding + self.chunk_size]
            outputs.append(logp.argmax(-1))
        return outputs


if __name__ == "__main__":
    recognizer = StreamingRecognizer(ChunkEncoder(), language="en")
    hyp = recognizer.accept_frames(torch.randn(40, 560))
    print(len(hyp))
