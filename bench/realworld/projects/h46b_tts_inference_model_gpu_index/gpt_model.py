# source: https://github.com/index-tts/index-tts/issues/265
# error: RuntimeError: Expected all tensors to be on the same device, but got index is on cuda:1, different from other tensors on cuda:0 (when checking argument in method wrapper_CUDA__index_select)
# pattern: current-gpu-mismatch
# shape: multi-file, class
# bug-lines: 58, 65
# needs: torch
# cpu: no written where torch was not installed; not run
"""Text -> acoustic-token language model used by the zero-shot TTS front end."""
import torch
import torch.nn as nn


class KVDecoder(nn.Module):
    """Thin wrapper around the trained blocks used only for autoregressive sampling."""

    def __init__(self, text_emb, mel_emb, blocks, norm, head):
        super().__init__()
        self.text_emb, self.mel_emb = text_emb, mel_emb
        self.blocks, self.norm, self.head = blocks, norm, head

    def forward(self, text_tokens, mel_tokens):
        x = torch.cat([self.text_emb(text_tokens), self.mel_emb(mel_tokens)], dim=1)
        n = x.size(1)
        causal = torch.triu(torch.ones(n, n, dtype=torch.bool, device=x.device), 1)
        for blk in self.blocks:
            x = blk(x, src_mask=causal)
        return self.head(self.norm(x[:, -1]))


class UnifiedVoiceLM(nn.Module):
    def __init__(self, text_vocab=12000, mel_vocab=8194, dim=1024, heads=16, layers=12,
                 start_mel=8192, stop_mel=8193):
        super().__init__()
        self.text_embedding = nn.Embedding(text_vocab, dim)
        self.mel_embedding = nn.Embedding(mel_vocab, dim)
        self.blocks = nn.ModuleList(
            nn.TransformerEncoderLayer(dim, heads, 4 * dim, batch_first=True, norm_first=True)
            for _ in range(layers)
        )
        self.final_norm = nn.LayerNorm(dim)
        self.mel_head = nn.Linear(dim, mel_vocab)
        self.start_mel, self.stop_mel = start_mel, stop_mel
        self.inference_model = None

    def forward(self, text_tokens, mel_tokens):
        x = torch.cat([self.text_embedding(text_tokens), self.mel_embedding(mel_tokens)], dim=1)
        n = x.size(1)
        causal = torch.triu(torch.ones(n, n, dtype=torch.bool, device=x.device), 1)
        for blk in self.blocks:
            x = blk(x, src_mask=causal)
        return self.mel_head(self.final_norm(x))

    def post_init_inference(self, half=False):
        decoder = KVDecoder(self.text_embedding, self.mel_embedding, self.blocks,
                            self.final_norm, self.mel_head)
        if half:
            decoder = decoder.half()
        self.inference_model = decoder.cuda().eval()

    @torch.no_grad()
    def inference_speech(self, text_tokens, max_mel_tokens=600, temperature=0.8):
        mel = torch.full((text_tokens.size(0), 1), self.start_mel, dtype=torch.long,
                         device=text_tokens.device)
        for _ in range(max_mel_tokens):
            logits = self.inference_model(text_tokens, mel) / temperature
            nxt = torch.multinomial(torch.softmax(logits.float(), dim=-1), 1)
            mel = torch.cat([mel, nxt], dim=1)
            if (nxt == self.stop_mel).all():
                break
        return mel[:, 1:]
