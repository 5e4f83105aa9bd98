# source: https://github.com/graykode/nlp-tutorial/pull/61
# error: RuntimeError: Expected all tensors to be on the same device, but found at least two devices, cuda:0 and cpu! (when checking argument for argument index in method wrapper__index_select)
# pattern: legacy-tensor-constructor
# shape: helper, batch-dict, top-level
# bug-lines: 63, 64, 70, 71
# needs: torch
# cpu: no written where torch was not installed; not run
import random

import torch
import torch.nn as nn

MAX_LEN, MAX_PRED, VOCAB_SIZE = 30, 5, 4000
CLS, SEP, MASK, PAD = 1, 2, 3, 0


class MiniBert(nn.Module):
    def __init__(self, vocab, max_len, d=128, layers=2):
        super().__init__()
        self.tok, self.pos, self.seg = nn.Embedding(vocab, d), nn.Embedding(max_len, d), nn.Embedding(2, d)
        self.encoder = nn.TransformerEncoder(nn.TransformerEncoderLayer(d, 4, 4 * d, batch_first=True), layers)
        self.mlm, self.nsp = nn.Linear(d, vocab), nn.Linear(d, 2)

    def forward(self, input_ids, segment_ids, masked_pos):
        pos = torch.arange(input_ids.size(1), device=input_ids.device).unsqueeze(0)
        h = self.encoder(self.tok(input_ids) + self.pos(pos) + self.seg(segment_ids),
                         src_key_padding_mask=input_ids.eq(PAD))
        h_masked = torch.gather(h, 1, masked_pos.unsqueeze(-1).expand(-1, -1, h.size(-1)))
        return self.mlm(h_masked), self.nsp(h[:, 0])


def make_batch(sentences, batch_size=6):
    batch = []
    while len(batch) < batch_size:
        a, b = random.randrange(len(sentences)), random.randrange(len(sentences))
        tokens_a, tokens_b = sentences[a], sentences[b]
        input_ids = [CLS] + tokens_a + [SEP] + tokens_b + [SEP]
        segment_ids = [0] * (len(tokens_a) + 2) + [1] * (len(tokens_b) + 1)
        cand = [i for i, t in enumerate(input_ids) if t not in (CLS, SEP)]
        random.shuffle(cand)
        masked_pos = sorted(cand[:min(MAX_PRED, max(1, int(len(input_ids) * 0.15)))])
        masked_tokens = [input_ids[p] for p in masked_pos]
        for p in masked_pos:
            input_ids[p] = MASK
        pad = MAX_LEN - len(input_ids)
        input_ids += [PAD] * pad
        segment_ids += [PAD] * pad
        masked_tokens += [0] * (MAX_PRED - len(masked_tokens))
        masked_pos += [0] * (MAX_PRED - len(masked_pos))
        batch.append([input_ids, segment_ids, masked_tokens, masked_pos, int(a + 1 == b)])
    return batch


if __name__ == "__main__":
    device = torch.device("cuda" if torch.cuda.is_available() else "cpu")
    corpus = [[random.randrange(4, VOCAB_SIZE) for _ in range(random.randint(4, 12))] for _ in range(200)]
    model = MiniBert(VOCAB_SIZE, MAX_LEN).to(device)
    mlm_loss, nsp_loss = nn.CrossEntropyLoss(ignore_index=0), nn.CrossEntropyLoss()
    optimizer = torch.optim.Adam(model.parameters(), lr=1e-3)

    for step in range(100):
        batch = make_batch(corpus)
        input_ids, segment_ids, masked_tokens, masked_pos, is_next = map(torch.LongTensor, zip(*batch))
        logits_lm, logits_clsf = model(input_ids, segment_ids, masked_pos)
        loss = mlm_loss(logits_lm.transpose(1, 2), masked_tokens) + nsp_loss(logits_clsf, is_next)
        optimizer.zero_grad()
        loss.backward()
        optimizer.step()

    input_ids, segment_ids, masked_tokens, masked_pos, is_next = map(torch.LongTensor, zip(batch[0]))
    logits_lm, logits_clsf = model(input_ids, segment_ids, masked_pos)
    print("predicted masked tokens:", logits_lm.argmax(-1)[0].tolist())
