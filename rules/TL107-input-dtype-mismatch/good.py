import torch
from torch import nn


def matched():
    unet = nn.Conv2d(4, 4, 3).half()
    latents = torch.randn(1, 4, 64, 64, dtype=torch.float16)
    out = unet(latents)
    decoder = nn.Conv2d(4, 3, 3)
    return decoder(out.float())


def under_autocast(x):
    model = nn.Linear(8, 8)
    h = torch.randn(2, 8).half()
    with torch.autocast("cuda", dtype=torch.float16):
        return model(h)


def unknown_dtype(model, x):
    return model(x.half())  # nothing says what dtype `model` is


def loss_of_half_logits(x, y):
    # Losses and activations have no parameters, hence no dtype of their own.
    model = nn.Linear(8, 2).half()
    criterion = nn.CrossEntropyLoss()
    return criterion(model(x.half()), y)


def made_in_half(embedding_dim, device):
    # The constructor's dtype= and device= say what the module is.
    embedding = torch.randn(3, 4, embedding_dim, dtype=torch.float16, device=device)
    layer_norm = nn.LayerNorm(embedding_dim, dtype=torch.float16, device=device)
    return layer_norm(embedding)


def pipeline_casts_latents(prompt):
    # A diffusers pipeline converts the latents it is handed to its own dtype.
    from diffusers import StableDiffusionPipeline

    pipe = StableDiffusionPipeline.from_pretrained("sd", torch_dtype=torch.float16).to("cuda")
    latents = torch.randn(1, 4, 64, 64, dtype=torch.float32, device="cuda")
    return pipe(prompt, latents=latents).images



class PromptPooler(nn.Module):
    # Every part is cast where it is built; the model as a whole is only moved.
    def __init__(self, dtype):
        super().__init__()
        self.encoder = nn.Linear(32, 32).to(dtype)
        self.pool = nn.MultiheadAttention(32, 4, batch_first=True).to(dtype)
        self.prompts = nn.Parameter(torch.zeros(1, 4, 32, dtype=dtype))

    def forward(self, tokens):
        keys = self.encoder(tokens)
        pooled, _ = self.pool(self.prompts.expand(keys.size(0), -1, -1), keys, keys)
        return pooled


def build_pooler(device, dtype):
    return PromptPooler(dtype).to(device=device)


def pool_prompts(pooler, tokens, device):
    dtype = next(pooler.parameters()).dtype
    return pooler(tokens.to(device=device, dtype=dtype))


def pool_script(tokens):
    device = "cuda" if torch.cuda.is_available() else "cpu"
    dtype = torch.float16 if device == "cuda" else torch.float32
    return pool_prompts(build_pooler(device, dtype), tokens, device)
