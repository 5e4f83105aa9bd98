# source: https://github.com/allenai/allennlp/issues/583 https://github.com/allenai/allennlp/pull/585
# error: RuntimeError: Expected all tensors to be on the same device, but found at least two devices, cuda:0 and cpu!
# pattern: legacy-type-cast
# shape: class, helper, batch-dict
# bug-lines: 43
# cpu: clean
# needs: torch
import torch
import torch.nn as nn
import torch.nn.functional as F


def get_text_field_mask(tokens):
    return tokens["tokens"] != 0


class DotAttention(nn.Module):
    def forward(self, vector, matrix, matrix_mask):
        scores = torch.bmm(matrix, vector.unsqueeze(-1)).squeeze(-1)
        scores = scores.masked_fill(matrix_mask == 0, -1e9)
        return F.softmax(scores, dim=-1) * matrix_mask


class SimpleSeq2Seq(nn.Module):
    def __init__(self, vocab_size=40, dim=16):
        super().__init__()
        self.source_embedder = nn.Embedding(vocab_size, dim, padding_idx=0)
        self.encoder = nn.GRU(dim, dim, batch_first=True)
        self.decoder_cell = nn.GRUCell(dim * 2, dim)
        self.target_embedder = nn.Embedding(vocab_size, dim)
        self.attention = DotAttention()
        self.output_projection = nn.Linear(dim, vocab_size)

    def _prepare_decode_step_input(self, input_indices, decoder_hidden_state,
                                   encoder_outputs, encoder_outputs_mask):
        embedded_input = self.target_embedder(input_indices)
        weights = self.attention(decoder_hidden_state, encoder_outputs, encoder_outputs_mask)
        attended_input = torch.bmm(weights.unsqueeze(1), encoder_outputs).squeeze(1)
        return torch.cat((attended_input, embedded_input), -1)

    def forward(self, source_tokens, target_tokens):
        source_mask = get_text_field_mask(source_tokens)
        encoder_outputs_mask = source_mask.type(torch.FloatTensor)
        encoder_outputs, h = self.encoder(self.source_embedder(source_tokens["tokens"]))
        decoder_hidden = h.squeeze(0)
        targets = target_tokens["tokens"]
        step_logits = []
        for t in range(targets.size(1) - 1):
            step_input = self._prepare_decode_step_input(
                targets[:, t], decoder_hidden, encoder_outputs, encoder_outputs_mask)
            decoder_hidden = self.decoder_cell(step_input, decoder_hidden)
            step_logits.append(self.output_projection(decoder_hidden))
        logits = torch.stack(step_logits, 1)
        return F.cross_entropy(logits.reshape(-1, logits.size(-1)), targets[:, 1:].reshape(-1))


if __name__ == "__main__":
    device = torch.device("cuda" if torch.cuda.is_available() else "cpu")
    model = SimpleSeq2Seq().to(device)
    batch = {"source_tokens": {"tokens": torch.randint(1, 40, (3, 6))},
             "target_tokens": {"tokens": torch.randint(1, 40, (3, 5))}}
    batch = {k: {n: t.to(device) for n, t in v.items()} for k, v in batch.items()}
    print(model(**batch).item())
