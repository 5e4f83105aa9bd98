# source: https://github.com/GRAAL-Research/deepparse/pull/298
# error: RuntimeError: Expected all tensors to be on the same device, but found at least two devices, cuda:0 and cpu!
# pattern: cache-builder-cpu-default
# shape: multi-file, class, helper
# needs: torch
# cpu: no written where torch was not installed; not run
import torch
import torch.nn as nn
from torch.nn.utils.rnn import pack_padded_sequence, pad_packed_sequence

from decoder import AttentionDecoder

TAGS = ["StreetNumber", "StreetName", "Unit", "Municipality", "Province", "PostalCode", "Orientation", "GeneralDelivery", "EOS"]


class AddressTagger(nn.Module):
    def __init__(self, emb_dim=300, hidden_size=1024):
        super().__init__()
        self.encoder = nn.LSTM(emb_dim, hidden_size, batch_first=True)
        self.decoder = AttentionDecoder(hidden_size, len(TAGS) + 1)
        self.sos = len(TAGS)

    def forward(self, embeddings, lengths):
        packed = pack_padded_sequence(embeddings, lengths, batch_first=True, enforce_sorted=False)
        enc_out, hidden = self.encoder(packed)
        enc_out, _ = pad_packed_sequence(enc_out, batch_first=True)

        batch = embeddings.size(0)
        token = torch.full((batch, 1), self.sos, dtype=torch.long, device=embeddings.device)
        predictions = []
        for _ in range(max(lengths) + 1):
            logits, hidden, _ = self.decoder(token, hidden, enc_out, lengths)
            predictions.append(logits)
            token = logits.argmax(-1, keepdim=True)
        return torch.stack(predictions, dim=1)
