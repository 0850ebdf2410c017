# Two threads take turns, ordered only by Events: ping, pong, ping, pong...
import threading

ping_turn = threading.Event()
pong_turn = threading.Event()
ping_turn.set()
ROUNDS = 4

def player(name, my_turn, their_turn):
    for i in range(ROUNDS):
        my_turn.wait()
        my_turn.clear()
        print(name, i)
        their_turn.set()

a = threading.Thread(target=player, args=("ping", ping_turn, pong_turn))
b = threading.Thread(target=player, args=("pong", pong_turn, ping_turn))
b.start()
a.start()
a.join()
b.join()
print("ping turn set at end:", ping_turn.is_set())
print("summary: event_handshake ok")
