"""Writes a tiny llama-architecture GGUF model with random weights (a few hundred KB).

Its output is gibberish but deterministic at temperature 0: enough to test llama-server's wire
protocol for real. Vocabulary: <unk> <s> </s>, the 256 byte tokens, and ChatML's two markers.
The output rows of the bytes 0x80-0xFF are zero, so greedy decoding (temperature 0) never picks
them and every answer is valid UTF-8: a random model writing those bytes makes broken UTF-8, which
llama-server streams differently (it holds incomplete sequences back) from how it answers in one
piece (U+FFFD). They stay in the vocabulary for the byte fallback of non-ASCII input.
Usage: PYTHONPATH=<llama.cpp>/gguf-py python3 tiny-gguf.py OUT.gguf
"""
import sys

import numpy as np
import gguf

N_EMBD, N_FF, N_LAYER, N_HEAD, N_CTX = 64, 128, 2, 4, 512
CHATML = (
    "{% for message in messages %}{{'<|im_start|>' + message['role'] + '\\n' + message['content']"
    " + '<|im_end|>' + '\\n'}}{% endfor %}{% if add_generation_prompt %}"
    "{{ '<|im_start|>assistant\\n' }}{% endif %}"
)

tokens, scores, types = [], [], []
for piece, kind in (("<unk>", gguf.TokenType.UNKNOWN), ("<s>", gguf.TokenType.CONTROL),
                    ("</s>", gguf.TokenType.CONTROL)):
    tokens.append(piece); scores.append(0.0); types.append(kind)
for b in range(256):
    tokens.append("<0x%02X>" % b); scores.append(0.0); types.append(gguf.TokenType.BYTE)
for piece in ("<|im_start|>", "<|im_end|>"):
    tokens.append(piece); scores.append(0.0); types.append(gguf.TokenType.CONTROL)
n_vocab = len(tokens)

rng = np.random.default_rng(42)


def w(*shape):
    return (rng.standard_normal(shape) * 0.02).astype(np.float32)


writer = gguf.GGUFWriter(sys.argv[1], "llama")
writer.add_name("elavira-tiny-random")
writer.add_context_length(N_CTX)
writer.add_embedding_length(N_EMBD)
writer.add_block_count(N_LAYER)
writer.add_feed_forward_length(N_FF)
writer.add_head_count(N_HEAD)
writer.add_head_count_kv(N_HEAD)
writer.add_layer_norm_rms_eps(1e-5)
writer.add_rope_dimension_count(N_EMBD // N_HEAD)
writer.add_tokenizer_model("llama")
writer.add_token_list(tokens)
writer.add_token_scores(scores)
writer.add_token_types(types)
writer.add_bos_token_id(1)
writer.add_eos_token_id(n_vocab - 1)
writer.add_unk_token_id(0)
writer.add_add_bos_token(False)
writer.add_chat_template(CHATML)

writer.add_tensor("token_embd.weight", w(n_vocab, N_EMBD))
writer.add_tensor("output_norm.weight", np.ones(N_EMBD, dtype=np.float32))
output = w(n_vocab, N_EMBD)
output[3 + 0x80 : 3 + 0x100, :] = 0.0  # never the best logit: no broken UTF-8 in answers
writer.add_tensor("output.weight", output)
for i in range(N_LAYER):
    p = "blk.%d." % i
    writer.add_tensor(p + "attn_norm.weight", np.ones(N_EMBD, dtype=np.float32))
    for name in ("attn_q", "attn_k", "attn_v", "attn_output"):
        writer.add_tensor(p + name + ".weight", w(N_EMBD, N_EMBD))
    writer.add_tensor(p + "ffn_norm.weight", np.ones(N_EMBD, dtype=np.float32))
    writer.add_tensor(p + "ffn_gate.weight", w(N_FF, N_EMBD))
    writer.add_tensor(p + "ffn_up.weight", w(N_FF, N_EMBD))
    writer.add_tensor(p + "ffn_down.weight", w(N_EMBD, N_FF))

writer.write_header_to_file()
writer.write_kv_data_to_file()
writer.write_tensors_to_file()
writer.close()
