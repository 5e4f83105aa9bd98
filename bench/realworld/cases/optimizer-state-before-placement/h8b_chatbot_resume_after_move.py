# source: https://github.com/pytorch/tutorials/pull/577
# error: RuntimeError: expected backend CPU and dtype Float but got backend CUDA and dtype Float
# pattern: optimizer-state-before-placement
# shape: helper, batch-dict
# looks-like: optimizer-state-before-placement
# needs: torch
# cpu: no written where torch was not installed; not run
import torch
import torch.nn as nn
import torch.optim as optim

device = torch.device("cuda" if torch.cuda.is_available() else "cpu")
hidden_size, vocab_size, n_layers = 500, 7826, 2


def build_models():
    embedding = nn.Embedding(vocab_size, hidden_size)
    encoder = nn.GRU(hidden_size, hidden_size, n_layers, bidirectional=True)
    decoder = nn.GRU(hidden_size, hidden_size, n_layers)
    out = nn.Linear(hidden_size, vocab_size)
    return embedding, encoder, nn.ModuleDict({"rnn": decoder, "out": out})


def resume(checkpoint_path, learning_rate=1e-4, decoder_lr_ratio=5.0):
    checkpoint = torch.load(checkpoint_path, map_location="cpu")
    embedding, encoder, decoder = build_models()
    embedding.load_state_dict(checkpoint["embedding"])
    encoder.load_state_dict(checkpoint["en"])
    decoder.load_state_dict(checkpoint["de"])
    embedding, encoder, decoder = embedding.to(device), encoder.to(device), decoder.to(device)

    encoder_optimizer = optim.Adam(list(embedding.parameters()) + list(encoder.parameters()), lr=learning_rate)
    decoder_optimizer = optim.Adam(decoder.parameters(), lr=learning_rate * decoder_lr_ratio)
    encoder_optimizer.load_state_dict(checkpoint["en_opt"])
    decoder_optimizer.load_state_dict(checkpoint["de_opt"])
    models = {"embedding": embedding, "encoder": encoder, "decoder": decoder}
    return models, encoder_optimizer, decoder_optimizer, checkpoint["iteration"]


def train_step(models, enc_opt, dec_opt, batch):
    src, tgt = batch["input"].to(device), batch["target"].to(device)
    enc_out, hidden = models["encoder"](models["embedding"](src))
    dec_out, _ = models["decoder"]["rnn"](models["embedding"](tgt[:-1]), hidden[:n_layers])
    logits = models["decoder"]["out"](dec_out)
    loss = nn.functional.cross_entropy(logits.view(-1, vocab_size), tgt[1:].reshape(-1))
    enc_opt.zero_grad()
    dec_opt.zero_grad()
    loss.backward()
    enc_opt.step()
    dec_opt.step()
    return loss.item()


if __name__ == "__main__":
    models, enc_opt, dec_opt, start = resume("save/cb_model/4000_checkpoint.tar")
    for it in range(start + 1, start + 101):
        batch = {"input": torch.randint(0, vocab_size, (10, 64)), "target": torch.randint(0, vocab_size, (12, 64))}
        print(it, train_step(models, enc_opt, dec_opt, batch))
